import type { ReactNode } from 'react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { DownloadButton } from '../../components/DownloadButton';
import './reports.css';

type BlobResult = Promise<{ data?: Blob; error?: unknown; response: Response }>;

const TABS = [
  { to: '/reports', key: 'usage' },
  { to: '/reports/contract-end-dates', key: 'contractEndDates' },
  { to: '/reports/costs', key: 'costs' },
  { to: '/reports/gdpr', key: 'gdpr' },
  { to: '/reports/archive-duty', key: 'archiveDuty' },
  { to: '/reports/joint-procurement', key: 'jointProcurement' },
] as const;

/** The reports area: its heading, the tabs between the reports, and the page's own title. */
export function ReportsLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('reports.title')}</h1>
      <nav aria-label={t('reports.nav')}>
        <ul className="subnav-list">
          {TABS.map((tab) => (
            <li key={tab.to}>
              <Link to={tab.to} activeProps={{ className: 'current', 'aria-current': 'page' }} activeOptions={{ exact: true }}>
                {t(`reports.tabs.${tab.key}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <h2>{title}</h2>
      <p>{t('reports.intro')}</p>
      {children}
    </>
  );
}

/** CSV and XLSX of a whole benchmark table, as the gateway exports it. */
export function TableDownloads({ name, download }: { name: string; download: (format: 'csv' | 'xlsx') => BlobResult }) {
  const { t } = useTranslation();
  return (
    <div className="download-actions" role="group" aria-label={t('reports.downloads')}>
      <DownloadButton label={t('reports.downloadCsv')} fileName={`${name}.csv`} download={() => download('csv')} />
      <DownloadButton label={t('reports.downloadXlsx')} fileName={`${name}.xlsx`} download={() => download('xlsx')} />
    </div>
  );
}

/** The words after an own row's name. */
export function useChartWords() {
  const { t } = useTranslation();
  return { own: t('reports.own'), suppressed: t('reports.suppressedWord') };
}
