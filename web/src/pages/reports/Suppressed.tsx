import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A figure of a benchmark, or in its place the words saying that the group is suppressed (too few organisations):
 * never an empty cell and never 0, so that "hidden" and "none" cannot be mistaken for each other.
 */
export function Suppressible({ suppressed, children }: { suppressed: boolean; children: ReactNode }) {
  const { t } = useTranslation();
  if (!suppressed) return <>{children}</>;
  return (
    <span className="report-suppressed" title={t('reports.suppressedHelp')}>
      {t('reports.suppressed')}
    </span>
  );
}

/** Marks the organisation's own row in a table with words (not by style alone). */
export function OwnMark({ own }: { own: boolean }) {
  const { t } = useTranslation();
  return own ? (
    <>
      {' '}
      <span className="badge report-own">{t('reports.own')}</span>
    </>
  ) : null;
}
