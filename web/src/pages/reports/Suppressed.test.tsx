import { render, screen } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { i18n } from '../../i18n';
import { OwnMark, Suppressible } from './Suppressed';

describe('Suppressible', () => {
  beforeAll(async () => {
    await i18n.changeLanguage('da');
  });

  it('shows the figure when the group is shown, also when it is 0', () => {
    render(
      <table>
        <tbody>
          <tr>
            <td data-testid="shown">
              <Suppressible suppressed={false}>0 kr.</Suppressible>
            </td>
          </tr>
        </tbody>
      </table>,
    );
    expect(screen.getByTestId('shown')).toHaveTextContent(/^0 kr\.$/);
  });

  it('says "skjult — for få organisationer" for a suppressed group, never a number or an empty cell', () => {
    render(<Suppressible suppressed>{null}</Suppressible>);
    expect(screen.getByText('skjult — for få organisationer')).toBeInTheDocument();
  });

  it('in English too, and marks the own row in words', async () => {
    await i18n.changeLanguage('en');
    render(
      <>
        <Suppressible suppressed>{0}</Suppressible>
        <OwnMark own />
      </>,
    );
    expect(screen.getByText('hidden — too few organisations')).toBeInTheDocument();
    expect(screen.queryByText('0')).not.toBeInTheDocument();
    expect(screen.getByText('yours')).toBeInTheDocument();
    await i18n.changeLanguage('da');
  });
});
