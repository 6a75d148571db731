import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api } from '../api/client';
import { i18n } from '../i18n';
import { fieldLabel, HistoryTimeline, valueText } from './HistoryTimeline';

const USAGE_LABELS = ['history.fields', 'usages.general', 'usages.archiving'];

describe('field names and values in the history', () => {
  afterEach(() => void i18n.changeLanguage('da'));

  it('names fields the client knows, per language, and shows the path of the others', async () => {
    expect(fieldLabel(i18n, USAGE_LABELS, 'general.localCallName')).toBe('Lokalt kaldenavn');
    expect(fieldLabel(i18n, USAGE_LABELS, 'general.validity.validTo')).toBe('Slutdato for anvendelse');
    expect(fieldLabel(i18n, USAGE_LABELS, 'localKleDeviations.addedKLEUuids')).toBe('Tilføjede KLE');
    expect(fieldLabel(i18n, USAGE_LABELS, 'legalBasis.decisionRef')).toBe('legalBasis › decisionRef');
    await i18n.changeLanguage('en');
    expect(fieldLabel(i18n, USAGE_LABELS, 'general.localCallName')).toBe('Local call name');
  });

  it('formats values: empty, yes/no, days, enum names, names of known ids and of name pairs', async () => {
    expect(valueText(i18n, ['usages.values'], null)).toBe('(tom)');
    expect(valueText(i18n, ['usages.values'], [])).toBe('(tom)');
    expect(valueText(i18n, ['usages.values'], true)).toBe('Ja');
    expect(valueText(i18n, ['usages.values'], '2025-03-01')).toBe('1. mar. 2025');
    expect(valueText(i18n, ['usages.values'], 'Operational')).toBe('I drift');
    expect(valueText(i18n, [], 'a7d5cbf5-4f5f-5b52-9d83-2b8a4c7e1f10', { 'a7d5cbf5-4f5f-5b52-9d83-2b8a4c7e1f10': '02.05.01' })).toBe(
      '02.05.01',
    );
    expect(valueText(i18n, [], { uuid: 'u1', name: 'Driftsaftale' })).toBe('Driftsaftale');
    expect(valueText(i18n, [], [{ roleUuid: 'r1', userUuid: 'p1' }], { r1: 'Systemejer', p1: 'Hanne Jensen' })).toBe(
      'Systemejer: Hanne Jensen',
    );
    const label = (key: string) => fieldLabel(i18n, USAGE_LABELS, key);
    expect(valueText(i18n, [], { valid: true, invalidReasons: [] }, {}, label)).toBe('Gyldig: Ja');
    await i18n.changeLanguage('en');
    expect(valueText(i18n, ['usages.values'], '2025-03-01')).toBe('1 Mar 2025');
    expect(valueText(i18n, ['usages.values'], false)).toBe('No');
  });
});

describe('the history timeline', () => {
  afterEach(() => vi.restoreAllMocks());

  it('shows the newest change first with who, what and old → new', async () => {
    const entries = [
      {
        occurredAt: '2026-01-05T10:00:00.000Z',
        actor: { uuid: 'a1', name: 'Hanne Jensen' },
        event: 'created',
        version: 1,
        changes: [{ field: 'general.localCallName', oldValue: null, newValue: 'ESDH' }],
      },
      {
        occurredAt: '2026-02-01T09:30:00.000Z',
        actor: { uuid: null },
        event: 'updated',
        version: 2,
        changes: [{ field: 'general.localCallName', oldValue: 'ESDH', newValue: 'Sag' }],
      },
    ];
    const get = vi
      .spyOn(api, 'GET')
      .mockResolvedValue({ data: entries, response: new Response(null, { status: 200 }) } as unknown as Awaited<
        ReturnType<typeof api.GET>
      >);
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <HistoryTimeline kind="usage" uuid="00000000-0000-4000-8000-000000000001" />
      </QueryClientProvider>,
    );
    const list = await screen.findByRole('list', { name: 'Ændringer, nyeste først' });
    const [newest, oldest] = within(list).getAllByRole('listitem');
    expect(newest).toHaveTextContent('Ændret');
    expect(newest).toHaveTextContent('af systemet');
    expect(newest).toHaveTextContent('Lokalt kaldenavn');
    expect(within(newest).getByRole('deletion')).toHaveTextContent('ESDH');
    expect(within(newest).getByRole('insertion')).toHaveTextContent('Sag');
    expect(oldest).toHaveTextContent('Oprettet');
    expect(oldest).toHaveTextContent('af Hanne Jensen');
    expect(get).toHaveBeenCalledWith('/api/v2/it-system-usages/{uuid}/history', {
      params: { path: { uuid: '00000000-0000-4000-8000-000000000001' }, query: { pageSize: 250 } },
    });
  });
});
