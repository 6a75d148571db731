import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { ScrollTable } from '../../components/ScrollTable';

type Row = Schemas['DataCategoryRow'];

/** Data subjects (rows) × personal data categories (columns); a cell tells the sensitivity and retention of that pair. */
export function DataCategoryMatrix({ rows }: { rows: Row[] }) {
  const { t } = useTranslation();
  const subjects = [...new Set(rows.map((r) => r.dataSubjectCategory))];
  const categories = [...new Set(rows.map((r) => r.personalDataCategory))];
  const cell = (subject: string, category: string) =>
    rows.filter((r) => r.dataSubjectCategory === subject && r.personalDataCategory === category);
  return (
    <ScrollTable label={t('gdpr.activity.matrix')}>
      <table className="table table--compact data-category-matrix">
        <caption>{t('gdpr.activity.matrixCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('gdpr.activity.subjects')}</th>
            {categories.map((category) => (
              <th scope="col" key={category}>
                {category}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {subjects.map((subject) => (
            <tr key={subject}>
              <th scope="row">{subject}</th>
              {categories.map((category) => {
                const found = cell(subject, category);
                return (
                  <td key={category}>
                    {found.length === 0 ? (
                      <span className="matrix-empty">{t('gdpr.activity.notProcessed')}</span>
                    ) : (
                      found.map((r, i) => (
                        <p key={i} className="matrix-cell">
                          {r.sensitivity && <strong>{t(`gdpr.activity.sensitivity.${r.sensitivity}`)}</strong>}
                          {r.sensitivity && <br />}
                          {r.retentionPeriod ? (
                            t('gdpr.activity.retention', { period: r.retentionPeriod })
                          ) : (
                            <span className="matrix-warning">{t('gdpr.activity.noRetention')}</span>
                          )}
                        </p>
                      ))
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
