import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapWithEtag, type Schemas } from '../../api/client';
import { Field } from '../../components/Field';
import { SelectField, TextAreaField } from '../../components/FormFields';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { SavedNotice } from '../../components/SavedNotice';
import { Spinner } from '../../components/Spinner';
import { useDebounced } from '../../components/useDebounced';
import { formatters } from '../../i18n';
import { JournalPeriodForm, type PeriodWrite } from './JournalPeriodForm';

type Archive = Schemas['UsageArchiveResponse'];
type ArchiveWrite = Schemas['UpdateUsageArchiveRequest'];
type Period = Schemas['JournalPeriodResponse'];

const DUTIES = ['Undecided', 'B', 'K', 'Unknown', 'PreserveDataCanDiscardDocuments'] as const;
const NOTES_MAX = 10000;

const yesNo = (v: boolean | null) => (v === null ? '' : v ? 'true' : 'false');
const fromYesNo = (v: string) => (v === '' ? null : v === 'true');

function valuesOf(a: Archive) {
  return {
    archiveDuty: a.archiveDuty ?? '',
    archiveTypeUuid: a.type?.uuid ?? '',
    locationUuid: a.location?.uuid ?? '',
    testLocationUuid: a.testLocation?.uuid ?? '',
    supplierOrganizationUuid: a.supplierOrganization?.uuid ?? '',
    active: yesNo(a.active),
    documentBearing: yesNo(a.documentBearing),
    frequencyInMonths: a.frequencyInMonths?.toString() ?? '',
    notes: a.notes ?? '',
  };
}
type Values = ReturnType<typeof valuesOf>;

function archiveProblems(v: Values): Partial<Record<keyof Values, string>> {
  const problems: Partial<Record<keyof Values, string>> = {};
  if (v.frequencyInMonths && !/^\d+$/.test(v.frequencyInMonths)) problems.frequencyInMonths = 'usages.validation.frequency';
  else if (v.frequencyInMonths && (Number(v.frequencyInMonths) < 1 || Number(v.frequencyInMonths) > 600))
    problems.frequencyInMonths = 'usages.validation.frequency';
  if (v.notes.length > NOTES_MAX) problems.notes = 'usages.validation.tooLong';
  return problems;
}

function useOptions(
  path:
    | '/api/v2/it-system-usage-archive-types'
    | '/api/v2/it-system-usage-archive-location-types'
    | '/api/v2/it-system-usage-archive-test-location-types',
  organizationUuid: string,
) {
  return useQuery({
    queryKey: ['options', path, organizationUuid],
    queryFn: () => unwrap(api.GET(path, { params: { query: { organizationUuid, pageSize: 250 } } })),
    select: (rows) => rows.map((o) => ({ value: o.uuid, label: o.name })),
  });
}

/** The archiving fields [Arkivering] of the usage: duty, type, location, supplier, document bearing, frequency, notes. */
function ArchiveForm({
  archive,
  organizationUuid,
  canEdit,
  saving,
  saved,
  error,
  onSave,
  onReload,
}: {
  archive: Archive;
  organizationUuid: string;
  canEdit: boolean;
  saving: boolean;
  saved: boolean;
  error: unknown;
  onSave: (body: ArchiveWrite) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState(() => valuesOf(archive));
  const [checked, setChecked] = useState(false);
  const [supplierSearch, setSupplierSearch] = useState('');
  const search = useDebounced(supplierSearch.trim(), 300);
  const types = useOptions('/api/v2/it-system-usage-archive-types', organizationUuid);
  const locations = useOptions('/api/v2/it-system-usage-archive-location-types', organizationUuid);
  const testLocations = useOptions('/api/v2/it-system-usage-archive-test-location-types', organizationUuid);
  const suppliers = useQuery({
    queryKey: ['organizations', { nameOrCvrContent: search }],
    enabled: search.length >= 2,
    queryFn: () => unwrap(api.GET('/api/v2/organizations', { params: { query: { nameOrCvrContent: search, pageSize: 25 } } })),
  });
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const problems = checked ? archiveProblems(values) : {};
  const err = (key: keyof Values) =>
    problems[key]
      ? t(problems[key], { max: NOTES_MAX })
      : (fieldError(error, key) ?? (key === 'archiveTypeUuid' ? fieldError(error, 'typeUuid') : undefined));
  const label = (key: string) => t(`usages.archiving.${key}`);
  const choose = t('usages.general.choose');
  const disabled = !canEdit;
  const supplierOptions = [
    ...(archive.supplierOrganization ? [{ value: archive.supplierOrganization.uuid, label: archive.supplierOrganization.name ?? '' }] : []),
    ...(suppliers.data ?? [])
      .filter((o) => o.uuid !== archive.supplierOrganization?.uuid)
      .map((o) => ({ value: o.uuid, label: o.cvr ? `${o.name} (${o.cvr})` : o.name })),
  ];
  const yesNoOptions = [
    { value: 'true', label: t('usages.yes') },
    { value: 'false', label: t('usages.no') },
  ];
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (Object.keys(archiveProblems(values)).length > 0) return;
    onSave({
      archiveDuty: (values.archiveDuty || null) as ArchiveWrite['archiveDuty'],
      archiveTypeUuid: values.archiveTypeUuid || null,
      locationUuid: values.locationUuid || null,
      testLocationUuid: values.testLocationUuid || null,
      supplierOrganizationUuid: values.supplierOrganizationUuid || null,
      active: fromYesNo(values.active),
      documentBearing: fromYesNo(values.documentBearing),
      frequencyInMonths: values.frequencyInMonths ? Number(values.frequencyInMonths) : null,
      notes: values.notes.trim() || null,
    });
  };
  const select = (key: keyof Values, options: ReadonlyArray<{ value: string; label: string }>) => (
    <SelectField
      name={key}
      label={label(key)}
      placeholder={choose}
      options={options}
      value={values[key]}
      disabled={disabled}
      onChange={(e) => set(key, e.target.value)}
      error={err(key)}
    />
  );
  return (
    <form onSubmit={submit} noValidate aria-label={t('usages.archiving.fieldsHeading')}>
      <h3>{t('usages.archiving.fieldsHeading')}</h3>
      <ProblemAlert error={error} onReload={onReload} />
      <ProblemAlert error={types.error ?? locations.error ?? testLocations.error} />
      <SavedNotice show={saved && !error} message={t('usages.page.saved')} />
      {select(
        'archiveDuty',
        DUTIES.map((d) => ({ value: d, label: t(`usages.values.${d}`) })),
      )}
      {archive.recommendedArchiveDuty && (
        <p className="form-hint">
          {t('usages.archiving.recommended', {
            duty: t(`usages.values.${archive.recommendedArchiveDuty.id}`, archive.recommendedArchiveDuty.id),
          })}
        </p>
      )}
      {select('archiveTypeUuid', types.data ?? [])}
      {select('locationUuid', locations.data ?? [])}
      {select('testLocationUuid', testLocations.data ?? [])}
      {canEdit && (
        <Field
          name="supplierSearch"
          label={label('supplierSearch')}
          hint={label('supplierSearchHint')}
          value={supplierSearch}
          onChange={(e) => setSupplierSearch(e.target.value)}
        />
      )}
      {select('supplierOrganizationUuid', supplierOptions)}
      {select('documentBearing', yesNoOptions)}
      {select('active', yesNoOptions)}
      <Field
        name="frequencyInMonths"
        type="number"
        min={1}
        max={600}
        inputMode="numeric"
        label={label('frequencyInMonths')}
        value={values.frequencyInMonths}
        disabled={disabled}
        onChange={(e) => set('frequencyInMonths', e.target.value)}
        error={err('frequencyInMonths')}
      />
      <TextAreaField
        name="notes"
        label={label('notes')}
        maxLength={NOTES_MAX}
        value={values.notes}
        disabled={disabled}
        onChange={(e) => set('notes', e.target.value)}
        error={err('notes')}
      />
      {canEdit && (
        <button type="submit" className="button button-primary" disabled={saving}>
          {t('common.save')}
        </button>
      )}
    </form>
  );
}

/** Journal periods [Journalperioder]: listed by start date; added, edited and removed with the profile's ETag. */
function JournalPeriods({
  usageUuid,
  archive,
  etag,
  canEdit,
  refetch,
}: {
  usageUuid: string;
  archive: Archive;
  etag: string | null;
  canEdit: boolean;
  refetch: () => Promise<unknown>;
}) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const [editing, setEditing] = useState<'new' | string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const ifMatch = etag ?? `"${archive.version}"`;
  const save = useMutation({
    mutationFn: ({ period, body }: { period?: Period; body: PeriodWrite }) =>
      period
        ? unwrap(
            api.PUT('/api/v2/it-system-usages/{usageUuid}/journal-periods/{periodUuid}', {
              params: { path: { usageUuid, periodUuid: period.uuid }, header: { 'If-Match': ifMatch } },
              body,
            }),
          )
        : unwrap(
            api.POST('/api/v2/it-system-usages/{usageUuid}/journal-periods', {
              params: { path: { usageUuid }, header: { 'If-Match': ifMatch } },
              body,
            }),
          ),
    onSuccess: async () => {
      await refetch();
      setEditing(null);
      setNotice(t('usages.page.saved'));
    },
  });
  const remove = useMutation({
    mutationFn: (period: Period) =>
      unwrap(
        api.DELETE('/api/v2/it-system-usages/{usageUuid}/journal-periods/{periodUuid}', {
          params: { path: { usageUuid, periodUuid: period.uuid }, header: { 'If-Match': ifMatch } },
        }),
      ),
    onSuccess: async () => {
      await refetch();
      setConfirming(null);
      setNotice(t('usages.archiving.periodDeleted'));
    },
  });
  const reload = () => {
    save.reset();
    remove.reset();
    setEditing(null);
    setConfirming(null);
    void refetch();
  };
  const periods = archive.journalPeriods;
  return (
    <>
      <h3>{t('usages.archiving.journalPeriods')}</h3>
      <ProblemAlert error={remove.error} onReload={reload} />
      <SavedNotice show={!!notice && editing === null} message={notice ?? ''} />
      {periods.length === 0 ? (
        <p>{t('usages.archiving.none')}</p>
      ) : (
        <table className="table table--compact table--zebra">
          <thead>
            <tr>
              <th scope="col">{t('usages.archiving.archiveId')}</th>
              <th scope="col">{t('usages.archiving.startDate')}</th>
              <th scope="col">{t('usages.archiving.endDate')}</th>
              <th scope="col">{t('usages.archiving.status')}</th>
              <th scope="col">{t('usages.archiving.approvalDate')}</th>
              {canEdit && <th scope="col">{t('usages.relations.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {periods.map((p) => (
              <tr key={p.uuid}>
                <th scope="row">{p.archiveId}</th>
                <td>{format.date(p.startDate)}</td>
                <td>{format.date(p.endDate)}</td>
                <td>{t(`usages.archiving.statuses.${p.status}`)}</td>
                <td>{format.date(p.approvalDate)}</td>
                {canEdit && (
                  <td>
                    <span className="button-row">
                      <button
                        type="button"
                        className="button button-secondary"
                        aria-label={t('usages.archiving.editPeriod', { id: p.archiveId })}
                        onClick={() => {
                          setNotice(null);
                          save.reset();
                          setEditing(p.uuid);
                        }}
                      >
                        {t('common.edit')}
                      </button>
                      {confirming === p.uuid ? (
                        <>
                          <button
                            type="button"
                            className="button button-primary"
                            disabled={remove.isPending}
                            onClick={() => remove.mutate(p)}
                          >
                            {t('usages.relations.confirmDelete')}
                          </button>
                          <button type="button" className="button button-secondary" onClick={() => setConfirming(null)}>
                            {t('common.cancel')}
                          </button>
                        </>
                      ) : (
                        <button
                          type="button"
                          className="button button-secondary"
                          aria-label={t('usages.archiving.deletePeriod', { id: p.archiveId })}
                          onClick={() => setConfirming(p.uuid)}
                        >
                          {t('usages.relations.delete')}
                        </button>
                      )}
                    </span>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && editing === null && (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            setNotice(null);
            save.reset();
            setEditing('new');
          }}
        >
          {t('usages.archiving.addPeriod')}
        </button>
      )}
      {canEdit && editing !== null && (
        <JournalPeriodForm
          key={editing}
          period={periods.find((p) => p.uuid === editing)}
          saving={save.isPending}
          error={save.error}
          onSave={(body) => save.mutate({ period: periods.find((p) => p.uuid === editing), body })}
          onCancel={() => setEditing(null)}
          onReload={reload}
        />
      )}
    </>
  );
}

/** The archiving tab: the derived facts (next delivery, findings), the editable fields and the journal periods. */
export function ArchivingTab({ usageUuid, organizationUuid, canEdit }: { usageUuid: string; organizationUuid: string; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const queries = useQueryClient();
  const key = ['usage-archive', usageUuid];
  const [reloads, setReloads] = useState(0);
  const archive = useQuery({
    queryKey: key,
    queryFn: () => unwrapWithEtag(api.GET('/api/v2/it-system-usage-archives/{usageUuid}', { params: { path: { usageUuid } } })),
  });
  const save = useMutation({
    mutationFn: (body: ArchiveWrite) =>
      unwrapWithEtag(
        api.PATCH('/api/v2/it-system-usage-archives/{usageUuid}', {
          params: { path: { usageUuid }, header: { 'If-Match': archive.data?.etag ?? undefined } },
          body,
        }),
      ),
    onSuccess: (saved) => queries.setQueryData(key, saved),
  });
  if (archive.isPending) return <Spinner />;
  if (!archive.data) return <ProblemAlert error={archive.error} />;
  const a = archive.data.data;
  return (
    <>
      {!canEdit && <p>{t('usages.page.readOnly')}</p>}
      <dl className="field-list">
        <dt>{t('usages.archiving.nextDeliveryDue')}</dt>
        <dd>{a.nextDeliveryDue ? format.date(a.nextDeliveryDue) : t('usages.page.notSet')}</dd>
        <dt>{t('usages.archiving.latestApprovedPeriodEnd')}</dt>
        <dd>{a.latestApprovedPeriodEnd ? format.date(a.latestApprovedPeriodEnd) : t('usages.page.notSet')}</dd>
        {a.findings.length > 0 && (
          <>
            <dt>{t('usages.archiving.findings')}</dt>
            <dd>
              <ul className="nobullet-list">
                {a.findings.map((f) => (
                  <li key={f}>
                    <span className="badge badge-warning">{t(`usages.archiving.finding.${f}`)}</span>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      <ArchiveForm
        key={`${a.version}:${reloads}`}
        archive={a}
        organizationUuid={organizationUuid}
        canEdit={canEdit}
        saving={save.isPending}
        saved={save.isSuccess}
        error={save.error}
        onSave={(body) => save.mutate(body)}
        onReload={() => {
          save.reset();
          void archive.refetch().then(() => setReloads((n) => n + 1));
        }}
      />
      <JournalPeriods usageUuid={usageUuid} archive={a} etag={archive.data.etag} canEdit={canEdit} refetch={() => archive.refetch()} />
    </>
  );
}
