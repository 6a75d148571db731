import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schemas } from '../../api/client';
import { KlePreview } from './KlePreview';

const PREVIEW: Schemas['KleImportPreviewResponse'] = {
  uuid: '00000000-0000-4000-8000-000000000001',
  status: 'Pending',
  publishedDate: '2024-06-01',
  baseVersion: 1,
  entries: 55,
  created: '2026-12-07T09:00:00Z',
  expires: '2026-12-08T09:00:00Z',
  applied: null,
  added: [{ uuid: '00000000-0000-4000-8000-000000000002', kleNumber: '00.03.10', description: 'Nordisk samarbejde', removed: null }],
  renamed: [
    {
      uuid: '00000000-0000-4000-8000-000000000003',
      kleNumber: '00.03.04',
      oldDescription: 'Venskabsbysamarbejde',
      newDescription: 'Venskabsbysamarbejde og partnerskaber',
    },
  ],
  removed: [{ uuid: '00000000-0000-4000-8000-000000000004', kleNumber: '00.03.02', description: 'Udgået emne', removed: '2024-06-01' }],
  restored: [],
  updated: [{ uuid: '00000000-0000-4000-8000-000000000005', kleNumber: '02.34', fields: ['guidance', 'created'] }],
};

const rows = (name: RegExp) =>
  within(screen.getByRole('table', { name }))
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));

describe('the KLE import preview', () => {
  it('lists what would be added, renamed, removed and otherwise changed, each under its heading with its count', () => {
    render(<KlePreview preview={PREVIEW} />);
    expect(screen.getAllByRole('heading').map((h) => h.textContent)).toEqual([
      'Tilføjes (1)',
      'Omdøbes (1)',
      'Udgår (1)',
      'Øvrige ændringer (1)',
    ]);
    expect(rows(/^Tilføjes/)).toEqual([['00.03.10', 'Nordisk samarbejde']]);
    expect(rows(/^Omdøbes/)).toEqual([['00.03.04', 'Venskabsbysamarbejde', 'Venskabsbysamarbejde og partnerskaber']]);
    expect(rows(/^Udgår/)).toEqual([['00.03.02', 'Udgået emne', '1. jun. 2024']]);
    expect(rows(/^Øvrige/)).toEqual([['02.34', 'guidance, created']]);
    expect(screen.getByText(/Emneplan udgivet 1\. jun\. 2024 med 55 emner/)).toBeInTheDocument();
    expect(screen.getByText('Ikke anvendt')).toBeInTheDocument();
  });

  it('says so when the emneplan changes nothing, and marks an applied import', () => {
    render(<KlePreview preview={{ ...PREVIEW, status: 'Applied', added: [], renamed: [], removed: [], updated: [] }} />);
    expect(screen.queryAllByRole('table')).toEqual([]);
    expect(screen.getByText('Emneplanen er den samme som nuværende KLE: ingen ændringer.')).toBeInTheDocument();
    expect(screen.getByText('Anvendt')).toBeInTheDocument();
  });
});
