import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { useSignedIn } from '../../auth/session';
import { DownloadButton } from '../../components/DownloadButton';
import { ObjectLink, objectPaths } from '../../components/ObjectLink';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScrollTable } from '../../components/ScrollTable';
import { Spinner } from '../../components/Spinner';
import { formatters } from '../../i18n';
import { contact } from './format';
import { GdprNav } from './GdprNav';

type Finding = Schemas['Article30Finding'];

function List({ items }: { items: readonly string[] }) {
  if (items.length === 0) return null;
  if (items.length === 1) return <>{items[0]}</>;
  return (
    <ul className="cell-list">
      {items.map((item, i) => (
        <li key={i}>{item}</li>
      ))}
    </ul>
  );
}

function Findings({ findings }: { findings: readonly Finding[] }) {
  return (
    <ul>
      {findings.map((f, i) => (
        <li key={i}>
          Art. {f.article} {f.field}: {f.message}
        </li>
      ))}
    </ul>
  );
}

/** In a table row: how many gaps the entry has, linked to their list below the tables (keeps the rows short). */
function GapsLink({ uuid, findings }: { uuid: string; findings: readonly Finding[] }) {
  return findings.length === 0 ? null : <a href={`#gaps-${uuid}`}>{findings.length}</a>;
}

/** The Article 30 record: the controller (a), the entries as controller (30(1)) and as processor (30(2)), and the downloads. */
export function Article30Page() {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const { current } = useSignedIn();
  const uuid = current.organization.uuid;
  const record = useQuery({
    queryKey: ['gdpr', 'article-30', uuid],
    queryFn: () => unwrap(api.GET('/api/v2/organizations/{uuid}/gdpr/article-30', { params: { path: { uuid } } })),
  });
  const download = (format: 'csv' | 'xlsx') => () =>
    api.GET('/api/v2/organizations/{uuid}/gdpr/article-30', { params: { path: { uuid }, query: { format } }, parseAs: 'blob' });
  const c = (key: string) => t(`gdpr.article30.columns.${key}`);
  const detail = (label: string, value: ReactNode) => (
    <>
      <dt>{label}</dt>
      <dd>{value || '–'}</dd>
    </>
  );
  return (
    <>
      <h1>{t('gdpr.article30.title')}</h1>
      <GdprNav />
      <div className="download-actions">
        <DownloadButton label={t('gdpr.article30.downloadCsv')} fileName="fortegnelse-art30.csv" download={download('csv')} />
        <DownloadButton label={t('gdpr.article30.downloadXlsx')} fileName="fortegnelse-art30.xlsx" download={download('xlsx')} />
      </div>
      {record.isPending ? (
        <Spinner />
      ) : record.error ? (
        <ProblemAlert error={record.error} />
      ) : (
        <>
          <p>{t('gdpr.article30.intro', { when: format.dateTime(record.data.generatedAt) })}</p>
          <h2>{t('gdpr.article30.controller')}</h2>
          <dl className="summary-list">
            {detail(t('gdpr.article30.name'), record.data.controller.name)}
            {detail(t('gdpr.article30.cvr'), record.data.controller.cvr)}
            {detail(t('gdpr.article30.address'), record.data.controller.address)}
            {detail(t('gdpr.article30.email'), record.data.controller.email)}
            {detail(t('gdpr.article30.phone'), record.data.controller.phone)}
            {detail(t('gdpr.article30.dataController'), contact(record.data.controller.dataController))}
            {detail(t('gdpr.article30.dpo'), contact(record.data.controller.dataProtectionOfficer))}
          </dl>
          {record.data.organizationFindings.length > 0 && (
            <div className="alert alert-warning">
              <div className="alert-body">
                <h3 className="alert-heading h4">{t('gdpr.article30.organizationFindings')}</h3>
                <Findings findings={record.data.organizationFindings} />
              </div>
            </div>
          )}
          <h2 id="article-30-controller">{t('gdpr.article30.controllerRecord')}</h2>
          {record.data.controllerRecord.length === 0 ? (
            <p>{t('gdpr.article30.empty')}</p>
          ) : (
            <ScrollTable label={t('gdpr.article30.controllerRecord')}>
              <table className="table table--compact table--zebra article-30-table">
                <caption className="sr-only">{t('gdpr.article30.controllerRecord')}</caption>
                <thead>
                  <tr>
                    {[
                      'name',
                      'kind',
                      'purposes',
                      'legalBases',
                      'subjects',
                      'data',
                      'recipients',
                      'thirdCountries',
                      'erasure',
                      'security',
                      'systems',
                      'findings',
                    ].map((key) => (
                      <th scope="col" key={key}>
                        {c(key)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {record.data.controllerRecord.map((e) => (
                    <tr key={e.uuid}>
                      <th scope="row">
                        <ObjectLink
                          href={e.kind === 'processingActivity' ? objectPaths.processingActivity(e.uuid) : objectPaths.usage(e.uuid)}
                        >
                          {e.name}
                        </ObjectLink>
                      </th>
                      <td>{t(`gdpr.article30.kind.${e.kind}`)}</td>
                      {[
                        e.purposes,
                        e.legalBases,
                        e.dataSubjectCategories,
                        e.personalDataCategories,
                        e.recipients,
                        e.thirdCountryTransfers,
                        e.erasureTimeLimits,
                        e.securityMeasures,
                        e.systems,
                      ].map((items, i) => (
                        <td key={i}>
                          <List items={items} />
                        </td>
                      ))}
                      <td className="numeric">
                        <GapsLink uuid={e.uuid} findings={e.findings} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          )}
          <h2 id="article-30-processor">{t('gdpr.article30.processorRecord')}</h2>
          {record.data.processorRecord.length === 0 ? (
            <p>{t('gdpr.article30.empty')}</p>
          ) : (
            <ScrollTable label={t('gdpr.article30.processorRecord')}>
              <table className="table table--compact table--zebra article-30-table">
                <caption className="sr-only">{t('gdpr.article30.processorRecord')}</caption>
                <thead>
                  <tr>
                    {['name', 'controller', 'controllerDpo', 'categories', 'thirdCountries', 'security', 'findings'].map((key) => (
                      <th scope="col" key={key}>
                        {c(key)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {record.data.processorRecord.map((e) => (
                    <tr key={e.dataProcessingRegistrationUuid}>
                      <th scope="row">{e.name}</th>
                      <td>{e.controller.name ?? e.controller.uuid}</td>
                      <td>{contact(e.controllerDataProtectionOfficer)}</td>
                      {[e.categoriesOfProcessing, e.thirdCountryTransfers, e.securityMeasures].map((items, i) => (
                        <td key={i}>
                          <List items={items} />
                        </td>
                      ))}
                      <td className="numeric">
                        <GapsLink uuid={e.dataProcessingRegistrationUuid} findings={e.findings} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          )}
          <h2>{t('gdpr.article30.gaps')}</h2>
          {[
            ...record.data.controllerRecord.map((e) => ({ uuid: e.uuid, name: e.name, findings: e.findings })),
            ...record.data.processorRecord.map((e) => ({ uuid: e.dataProcessingRegistrationUuid, name: e.name, findings: e.findings })),
          ]
            .filter((e) => e.findings.length > 0)
            .map((e) => (
              <section key={e.uuid} aria-labelledby={`gaps-${e.uuid}`}>
                <h3 id={`gaps-${e.uuid}`} tabIndex={-1} className="h4">
                  {e.name}
                </h3>
                <Findings findings={e.findings} />
              </section>
            ))}
        </>
      )}
    </>
  );
}
