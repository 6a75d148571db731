import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import { validateWebhook } from './webhook-form';
import { WebhookForm } from './WebhookForm';

const renderForm = (props: Partial<Parameters<typeof WebhookForm>[0]> = {}) => {
  const onSubmit = vi.fn();
  render(<WebhookForm heading="Nyt abonnement" submitLabel="Opret abonnement" onSubmit={onSubmit} {...props} />);
  return onSubmit;
};
const url = () => screen.getByLabelText(/^Adresse \(URL\)/);
const topics = () => screen.getByLabelText(/^Hændelsestyper/);
const send = () => fireEvent.click(screen.getByRole('button', { name: 'Opret abonnement' }));

describe('the webhook form validation', () => {
  it('states the server’s rules for the address and the topics', () => {
    expect(validateWebhook({ url: '', topics: '', active: true })).toEqual({
      url: { key: 'urlRequired' },
      topics: { key: 'topicsRequired' },
    });
    expect(validateWebhook({ url: 'integration.kommune.dk', topics: 'catalog.it-system.*', active: true })).toEqual({
      url: { key: 'urlInvalid' },
    });
    expect(validateWebhook({ url: 'ftp://kommune.dk/x', topics: 'catalog.*.*', active: true }).url).toEqual({ key: 'urlProtocol' });
    expect(validateWebhook({ url: 'https://bruger:kode@kommune.dk/x', topics: 'catalog.*.*', active: true }).url).toEqual({
      key: 'urlCredentials',
    });
    expect(validateWebhook({ url: `https://kommune.dk/${'x'.repeat(2000)}`, topics: '*.*.*', active: true }).url?.key).toBe('urlTooLong');
    expect(validateWebhook({ url: 'https://kommune.dk/x', topics: 'catalog.it-system.*\nContracts.it-contract', active: true })).toEqual({
      topics: { key: 'topicInvalid', values: { topic: 'Contracts.it-contract' } },
    });
    const many = Array.from({ length: 51 }, () => 'catalog.*.*').join('\n');
    expect(validateWebhook({ url: 'https://kommune.dk/x', topics: many, active: true }).topics?.key).toBe('topicsTooMany');
    expect(validateWebhook({ url: ' http://localhost:9000/hook ', topics: 'catalog.it-system.*, contracts.*.*', active: false })).toEqual(
      {},
    );
  });

  it('shows the problems at their fields and sends nothing until they are corrected', () => {
    const onSubmit = renderForm();
    fireEvent.change(url(), { target: { value: 'kommune.dk/events' } });
    fireEvent.change(topics(), { target: { value: 'contracts.it-contract.updated\nalt' } });
    send();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(url()).toHaveAccessibleDescription(/Adressen skal være en fuld URL/);
    expect(url()).toHaveAttribute('aria-invalid', 'true');
    expect(topics()).toHaveAccessibleDescription(/"alt" er ikke <tjeneste>.<objekt>.<hændelse>/);

    fireEvent.change(url(), { target: { value: 'https://integration.kommune.dk/kitos/events' } });
    fireEvent.change(topics(), { target: { value: 'contracts.it-contract.updated\n\ncatalog.it-system.*\n' } });
    fireEvent.click(screen.getByLabelText('Aktiv'));
    send();
    expect(onSubmit).toHaveBeenCalledWith({
      url: 'https://integration.kommune.dk/kitos/events',
      topics: ['contracts.it-contract.updated', 'catalog.it-system.*'],
      active: false,
    });
  });

  it('shows a problem the server found at the address field (e.g. http refused in production)', () => {
    const error = new ApiError(400, {
      title: 'Bad Request',
      status: 400,
      detail: 'The request is invalid',
      errors: [
        { field: 'url', message: 'url must be https' },
        { field: 'topics[0]', message: 'each topic is <service>.<aggregate>.<event>, any segment may be *' },
      ],
    });
    renderForm({ error, initial: { url: 'http://kommune.dk/x', topics: ['catalog.*.*'], active: true } });
    expect(url()).toHaveAccessibleDescription(/url must be https/);
    expect(topics()).toHaveAccessibleDescription(/each topic is/);
    expect(screen.getByRole('alert')).toHaveTextContent('The request is invalid');
  });

  it('explains a 412 (someone else saved the subscription first) and offers "Hent nyeste"', () => {
    const onReload = vi.fn();
    renderForm({
      error: new ApiError(412, { title: 'Precondition Failed', status: 412 }),
      initial: { url: 'https://kommune.dk/x', topics: ['catalog.*.*'], active: true },
      onReload,
    });
    expect(screen.getByRole('alert')).toHaveTextContent(/En anden har ændret objektet/);
    fireEvent.click(screen.getByRole('button', { name: 'Hent nyeste' }));
    expect(onReload).toHaveBeenCalledOnce();
  });
});
