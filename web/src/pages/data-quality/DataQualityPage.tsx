import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { useSignedIn } from '../../auth/session';
import { LineChart } from '../../components/charts/LineChart';
import { ObjectLink, objectPaths } from '../../components/ObjectLink';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScrollTable } from '../../components/ScrollTable';
import { Spinner } from '../../components/Spinner';
import { formatters } from '../../i18n';

type Module = Schemas['DataQualityModuleScore']['module'];
const MODULES: Module[] = ['usages', 'contracts', 'dprs', 'relations', 'interfaces'];
const PAGE_SIZE = 50;

/** Where an object with findings is fixed; relations and interfaces have no page of their own in the client yet. */
function objectHref(module: Module, uuid: string): string | undefined {
  if (module === 'usages') return objectPaths.usage(uuid);
  if (module === 'contracts') return objectPaths.contract(uuid);
  if (module === 'dprs') return objectPaths.dataProcessing(uuid);
  return undefined;
}

function usePercent() {
  const { i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'da-DK', { style: 'percent', maximumFractionDigits: 1 });
  return (value: number) => number.format(value);
}

function Scores({ scores }: { scores: Schemas['DataQualityScoreResponse'] }) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const percent = usePercent();
  const score = (value: number | null) => (value === null ? t('dataQuality.noScore') : percent(value));
  return (
    <>
      <p>{t('dataQuality.intro', { version: scores.rulePackVersion, day: format.date(scores.evaluatedOn) })}</p>
      <table className="table table--compact table--zebra">
        <caption>{t('dataQuality.scores')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dataQuality.module')}</th>
            <th scope="col" className="numeric">
              {t('dataQuality.score')}
            </th>
            <th scope="col" className="numeric">
              {t('dataQuality.median')}
            </th>
            <th scope="col" className="numeric">
              {t('dataQuality.objects')}
            </th>
            <th scope="col" className="numeric">
              {t('dataQuality.meetingMinimum')}
            </th>
            <th scope="col" className="numeric">
              {t('dataQuality.findingsCount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {scores.modules.map((m) => (
            <tr key={m.module}>
              <th scope="row">{t(`dataQuality.moduleName.${m.module}`)}</th>
              <td className="numeric">{score(m.score)}</td>
              <td className="numeric">{score(m.nationalMedian)}</td>
              <td className="numeric">{format.number(m.objects)}</td>
              <td className="numeric">{format.number(m.objectsMeetingMinimum)}</td>
              <td className="numeric">{format.number(m.findings)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('dataQuality.overall')}</th>
            <td className="numeric">
              <strong>{score(scores.overall)}</strong>
            </td>
            <td className="numeric">{score(scores.nationalMedian)}</td>
            <td colSpan={3} />
          </tr>
        </tfoot>
      </table>
    </>
  );
}

function History({ history }: { history: Schemas['DataQualityHistoryEntry'][] }) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const percent = usePercent();
  if (history.length === 0) return <p>{t('dataQuality.historyEmpty')}</p>;
  return (
    <LineChart
      title={t('dataQuality.history')}
      xLabel={t('dataQuality.day')}
      series={[
        { name: t('dataQuality.score'), values: history.map((h) => ({ x: h.day, y: h.overall })) },
        { name: t('dataQuality.median'), values: history.map((h) => ({ x: h.day, y: h.nationalMedian })) },
      ]}
      formatX={format.date}
      formatY={percent}
      yMax={1}
      noValue={t('dataQuality.noScore')}
    />
  );
}

function WorkList({ organizationUuid }: { organizationUuid: string }) {
  const { t } = useTranslation();
  const percent = usePercent();
  const [module, setModule] = useState<Module | ''>('');
  const [page, setPage] = useState(0);
  const findings = useQuery({
    queryKey: ['data-quality', 'findings', organizationUuid, module, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/v2/data-quality/organizations/{uuid}/findings', {
          params: { path: { uuid: organizationUuid }, query: { page, pageSize: PAGE_SIZE, ...(module ? { module } : {}) } },
        }),
      ),
  });
  return (
    <>
      <div className="form-group">
        <label className="form-label" htmlFor="data-quality-module">
          {t('dataQuality.filter')}
        </label>
        <select
          id="data-quality-module"
          className="form-select"
          value={module}
          onChange={(e) => {
            setModule(e.target.value as Module | '');
            setPage(0);
          }}
        >
          <option value="">{t('dataQuality.all')}</option>
          {MODULES.map((m) => (
            <option key={m} value={m}>
              {t(`dataQuality.moduleName.${m}`)}
            </option>
          ))}
        </select>
      </div>
      {findings.isPending ? (
        <Spinner />
      ) : findings.error ? (
        <ProblemAlert error={findings.error} />
      ) : findings.data.length === 0 && page === 0 ? (
        <p>{t('dataQuality.noFindings')}</p>
      ) : (
        <>
          <ScrollTable label={t('dataQuality.findings')}>
            <table className="table table--compact table--zebra">
              <caption className="sr-only">{t('dataQuality.findings')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dataQuality.object')}</th>
                  <th scope="col">{t('dataQuality.module')}</th>
                  <th scope="col" className="numeric">
                    {t('dataQuality.score')}
                  </th>
                  <th scope="col">{t('dataQuality.finding')}</th>
                </tr>
              </thead>
              <tbody>
                {findings.data.map((o) => {
                  const name = o.name ?? t('dataQuality.unnamed', { uuid: o.uuid });
                  const href = objectHref(o.module, o.uuid);
                  return (
                    <tr key={`${o.module}:${o.uuid}`}>
                      <th scope="row">{href ? <ObjectLink href={href}>{name}</ObjectLink> : name}</th>
                      <td>{t(`dataQuality.moduleName.${o.module}`)}</td>
                      <td className="numeric">{percent(o.score)}</td>
                      <td>
                        <ul className="cell-list">
                          {o.findings.map((f) => (
                            <li key={f.ruleId}>
                              <span className={`badge ${f.level === 'minimum' ? 'badge-error' : 'badge-info'}`}>
                                {t(`dataQuality.level.${f.level}`)}
                              </span>{' '}
                              <strong>{f.title}</strong>: {f.message}
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollTable>
          {(page > 0 || findings.data.length === PAGE_SIZE) && (
            <nav aria-label={t('dataQuality.findings')} className="download-actions">
              <button type="button" className="button button-secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>
                {t('dataQuality.previous')}
              </button>
              <span>{t('dataQuality.page', { page: page + 1 })}</span>
              <button
                type="button"
                className="button button-secondary"
                disabled={findings.data.length < PAGE_SIZE}
                onClick={() => setPage(page + 1)}
              >
                {t('dataQuality.next')}
              </button>
            </nav>
          )}
        </>
      )}
    </>
  );
}

/** Data quality: the organisation's score per module next to the national median, its history, and the work list. */
export function DataQualityPage() {
  const { t } = useTranslation();
  const { current } = useSignedIn();
  const uuid = current.organization.uuid;
  const scores = useQuery({
    queryKey: ['data-quality', 'scores', uuid],
    queryFn: () => unwrap(api.GET('/api/v2/data-quality/organizations/{uuid}', { params: { path: { uuid } } })),
  });
  const history = useQuery({
    queryKey: ['data-quality', 'history', uuid],
    queryFn: () => unwrap(api.GET('/api/v2/data-quality/organizations/{uuid}/history', { params: { path: { uuid } } })),
  });
  return (
    <>
      <h1>{t('dataQuality.title')}</h1>
      {scores.isPending ? <Spinner /> : scores.error ? <ProblemAlert error={scores.error} /> : <Scores scores={scores.data} />}
      <p>
        <Link to="/data-quality/rule-pack">{t('dataQuality.rulePackLink')}</Link>
      </p>
      <h2>{t('dataQuality.history')}</h2>
      {history.isPending ? <Spinner /> : history.error ? <ProblemAlert error={history.error} /> : <History history={history.data} />}
      <h2>{t('dataQuality.findings')}</h2>
      <p>{t('dataQuality.findingsHelp')}</p>
      <WorkList organizationUuid={uuid} />
    </>
  );
}
