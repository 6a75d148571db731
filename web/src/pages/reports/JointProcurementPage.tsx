import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ChartFigure } from '../../components/charts/EChart';
import { FieldFrame, describedBy } from '../../components/Field';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { Spinner } from '../../components/Spinner';
import { formatters } from '../../i18n';
import { timelineOption } from './chart-options';
import { useItSystemBenchmark, useOwnPosition, useSupplierBenchmark } from './data';
import { yearsAfter } from './figures';
import { OwnMark, Suppressible } from './Suppressed';
import { ReportsLayout, TableDownloads } from './ReportsLayout';
import { danishToday } from './ContractEndDatesPage';

interface Search {
  by: 'system' | 'supplier';
  uuid: string;
  from: string;
  to: string;
}

function DateField({
  name,
  label,
  value,
  error,
  onChange,
}: {
  name: string;
  label: string;
  value: string;
  error?: string;
  onChange: (v: string) => void;
}) {
  return (
    <FieldFrame name={name} label={label} error={error}>
      <input
        id={`field-${name}`}
        type="date"
        className="form-input"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, error)}
        onChange={(e) => onChange(e.target.value)}
      />
    </FieldFrame>
  );
}

/**
 * Joint procurement [fælles udbud]: choose a system or a supplier and a period; the municipalities whose contracts for
 * it end or can be terminated in the period, with their contact details, as a timeline and a table.
 */
export function JointProcurementPage() {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const own = useOwnPosition();
  const today = danishToday();
  const systems = useItSystemBenchmark();
  const suppliers = useSupplierBenchmark();
  const [draft, setDraft] = useState<Search>({ by: 'system', uuid: '', from: today, to: yearsAfter(today, 2) });
  const [search, setSearch] = useState<Search | null>(null);
  const query = (s: Search) => ({
    ...(s.by === 'system' ? (s.uuid ? { systemUuid: s.uuid } : {}) : s.uuid ? { supplierUuid: s.uuid } : {}),
    from: s.from,
    to: s.to,
  });
  const result = useQuery({
    queryKey: ['benchmarks', 'joint-procurement', search],
    enabled: search !== null,
    queryFn: () => unwrap(api.GET('/api/v2/benchmarks/joint-procurement', { params: { query: query(search!) } })),
    retry: false,
  });
  const error = result.error;
  const targetError = fieldError(error, draft.by === 'system' ? 'systemUuid' : 'supplierUuid') ?? fieldError(error, 'systemUuid');
  const options =
    draft.by === 'system'
      ? [...(systems.data ?? [])].map((r) => ({ uuid: r.system.uuid, name: r.system.name ?? r.system.uuid }))
      : [...(suppliers.data ?? [])].map((r) => ({ uuid: r.supplier.uuid, name: r.supplier.name ?? r.supplier.uuid }));
  options.sort((a, b) => a.name.localeCompare(b.name, 'da'));
  const municipalities = result.data?.municipalities ?? [];
  const isOwn = (uuid: string) => uuid === own.organizationUuid;

  return (
    <ReportsLayout title={t('reports.joint.title')}>
      <p>{t('reports.joint.intro')}</p>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setSearch({ ...draft });
        }}
      >
        <fieldset>
          <legend className="form-label">{t('reports.joint.by')}</legend>
          <ul className="nobullet-list">
            {(['system', 'supplier'] as const).map((by) => (
              <li key={by}>
                <input
                  id={`joint-by-${by}`}
                  type="radio"
                  className="form-radio"
                  name="joint-by"
                  checked={draft.by === by}
                  onChange={() => setDraft({ ...draft, by, uuid: '' })}
                />
                <label htmlFor={`joint-by-${by}`}>{t(by === 'system' ? 'reports.joint.bySystem' : 'reports.joint.bySupplier')}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className="report-filters">
          <div className={`form-group${targetError ? ' form-error' : ''}`}>
            <label className="form-label" htmlFor="field-target">
              {t(draft.by === 'system' ? 'reports.system' : 'reports.supplier')}
            </label>
            {targetError && (
              <span className="form-error-message" id="field-target-error">
                {targetError}
              </span>
            )}
            <select
              id="field-target"
              className="form-select"
              value={draft.uuid}
              aria-invalid={targetError ? true : undefined}
              aria-describedby={targetError ? 'field-target-error' : undefined}
              onChange={(e) => setDraft({ ...draft, uuid: e.target.value })}
            >
              <option value="">{t('reports.joint.choose')}</option>
              {options.map((o) => (
                <option key={o.uuid} value={o.uuid}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <DateField
            name="from"
            label={t('reports.from')}
            value={draft.from}
            error={fieldError(error, 'from')}
            onChange={(from) => setDraft({ ...draft, from })}
          />
          <DateField
            name="to"
            label={t('reports.to')}
            value={draft.to}
            error={fieldError(error, 'to')}
            onChange={(to) => setDraft({ ...draft, to })}
          />
          <div className="form-group">
            <button type="submit" className="button button-primary">
              {t('reports.joint.search')}
            </button>
          </div>
        </div>
      </form>
      {search === null ? null : result.isPending ? (
        <Spinner />
      ) : result.error ? (
        <ProblemAlert error={result.error} />
      ) : municipalities.length === 0 ? (
        <p role="status">{t('reports.joint.none')}</p>
      ) : (
        <>
          <p role="status">{t('reports.joint.result', { count: result.data.municipalityCount })}</p>
          <p>
            <strong>{t('reports.joint.volume', { year: result.data.volume.year })}:</strong>{' '}
            <Suppressible suppressed={result.data.volume.suppressed}>
              {format.kroner((result.data.volume.totalOre ?? 0) / 100)} ({t('reports.joint.volumeHelp')})
            </Suppressible>
          </p>
          <ChartFigure
            wideTable
            title={t('reports.joint.chart')}
            description={t('reports.joint.help')}
            option={timelineOption(
              municipalities.map((m) => m.organization.name ?? m.organization.uuid),
              [false, true].map((ownSeries) => ({
                name: ownSeries ? t('reports.ownLegend') : t('reports.othersLegend'),
                own: ownSeries,
                data: municipalities.flatMap((m, i) =>
                  m.firstDate && isOwn(m.organization.uuid) === ownSeries
                    ? [{ value: [m.firstDate, i] as [string, number], label: m.organization.name ?? '' }]
                    : [],
                ),
              })),
              { from: search.from, to: search.to },
            )}
            columns={[
              { key: 'municipality', label: t('reports.municipality') },
              { key: 'firstDate', label: t('reports.joint.firstDate') },
              { key: 'contact', label: t('reports.joint.contact') },
              { key: 'contracts', label: t('reports.joint.contracts') },
            ]}
            rows={municipalities.map((m) => ({
              municipality: (
                <>
                  {m.organization.name}
                  <OwnMark own={isOwn(m.organization.uuid)} />
                </>
              ),
              firstDate: format.date(m.firstDate),
              contact: (
                <ul className="report-contacts">
                  {m.contact.email && (
                    <li>
                      <a href={`mailto:${m.contact.email}`}>{m.contact.email}</a>
                    </li>
                  )}
                  {m.contact.phone && <li>{m.contact.phone}</li>}
                  {!m.contact.email && !m.contact.phone && <li>–</li>}
                </ul>
              ),
              contracts: (
                <ul className="cell-list">
                  {m.contracts.map((c) => (
                    <li key={`${c.contract.uuid}:${c.system.uuid}`}>
                      {c.contract.name} ({c.system.name}
                      {c.supplier?.name ? `, ${c.supplier.name}` : ''}):{' '}
                      {[
                        c.endsInWindow ? `${t('reports.joint.ends')} ${format.date(c.endDate)}` : '',
                        c.noticeInWindow ? `${t('reports.joint.notice')} ${format.date(c.noticeDeadline)}` : '',
                      ]
                        .filter(Boolean)
                        .join(', ')}
                    </li>
                  ))}
                </ul>
              ),
            }))}
            highlightRows={municipalities.flatMap((m, i) => (isOwn(m.organization.uuid) ? [i] : []))}
            footer={
              <TableDownloads
                name="benchmark-joint-procurement"
                download={(f) =>
                  api.GET('/api/v2/benchmarks/joint-procurement', { params: { query: { ...query(search), format: f } }, parseAs: 'blob' })
                }
              />
            }
          />
        </>
      )}
    </ReportsLayout>
  );
}
