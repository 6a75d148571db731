import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Spinner } from '../../components/Spinner';
import { formatters } from '../../i18n';

type Usage = Schemas['ComposedItSystemUsageResponse'];
type NamePair = Schemas['IdentityNamePair'];

const nameOf = (pair?: NamePair | null) => pair?.name ?? pair?.uuid ?? '';

/** Local KLE deviations from the system's KLE: added and removed (read-only). */
export function KleSection({ usage }: { usage: Usage }) {
  const { t } = useTranslation();
  const { addedKLE, removedKLE } = usage.localKleDeviations;
  if (addedKLE.length === 0 && removedKLE.length === 0) return <p>{t('usages.kle.none')}</p>;
  return (
    <dl className="field-list">
      <dt>{t('usages.kle.added')}</dt>
      <dd>{addedKLE.map(nameOf).join(', ') || t('usages.page.notSet')}</dd>
      <dt>{t('usages.kle.removed')}</dt>
      <dd>{removedKLE.map(nameOf).join(', ') || t('usages.page.notSet')}</dd>
    </dl>
  );
}

/** Role assignments on the usage (read-only). */
export function RolesSection({ usage }: { usage: Usage }) {
  const { t } = useTranslation();
  if (usage.roles.length === 0) return <p>{t('usages.roles.none')}</p>;
  return (
    <table className="table table--compact">
      <thead>
        <tr>
          <th scope="col">{t('usages.roles.role')}</th>
          <th scope="col">{t('usages.roles.user')}</th>
        </tr>
      </thead>
      <tbody>
        {usage.roles.map((r) => (
          <tr key={`${r.role.uuid}:${r.user.uuid}`}>
            <td>{nameOf(r.role)}</td>
            <td>{nameOf(r.user)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

type Relation = Schemas['OutgoingSystemRelationResponse'] | Schemas['IncomingSystemRelationResponse'];

function RelationTable({ caption, relations, direction }: { caption: string; relations: Relation[]; direction: 'to' | 'from' }) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{caption}</h3>
      {relations.length === 0 ? (
        <p>{t('usages.relations.none')}</p>
      ) : (
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">{direction === 'to' ? t('usages.relations.toSystem') : t('usages.relations.fromSystem')}</th>
              <th scope="col">{t('usages.relations.interface')}</th>
              <th scope="col">{t('usages.relations.contract')}</th>
              <th scope="col">{t('usages.relations.frequency')}</th>
              <th scope="col">{t('usages.relations.description')}</th>
            </tr>
          </thead>
          <tbody>
            {relations.map((r) => {
              const other = 'toSystemUsage' in r ? r.toSystemUsage : r.fromSystemUsage;
              return (
                <tr key={r.uuid}>
                  <td>
                    <Link to="/usages/$uuid" params={{ uuid: other.uuid }}>
                      {nameOf(other)}
                    </Link>
                  </td>
                  <td>{nameOf(r.relationInterface)}</td>
                  <td>{nameOf(r.associatedContract)}</td>
                  <td>{nameOf(r.relationFrequency)}</td>
                  <td>{r.description}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}

/** Outgoing and incoming system relations (read-only). */
export function RelationsSection({ usageUuid }: { usageUuid: string }) {
  const { t } = useTranslation();
  const outgoing = useQuery({
    queryKey: ['usage-relations', usageUuid, 'outgoing'],
    queryFn: () => unwrap(api.GET('/api/v2/it-system-usages/{usageUuid}/system-relations', { params: { path: { usageUuid } } })),
  });
  const incoming = useQuery({
    queryKey: ['usage-relations', usageUuid, 'incoming'],
    queryFn: () => unwrap(api.GET('/api/v2/it-system-usages/{usageUuid}/incoming-system-relations', { params: { path: { usageUuid } } })),
  });
  if (outgoing.isPending || incoming.isPending) return <Spinner />;
  return (
    <>
      <ProblemAlert error={outgoing.error ?? incoming.error} />
      <RelationTable caption={t('usages.relations.outgoing')} relations={outgoing.data ?? []} direction="to" />
      <RelationTable caption={t('usages.relations.incoming')} relations={incoming.data ?? []} direction="from" />
    </>
  );
}

/** Archive duty and journal periods (read-only). */
export function ArchivingSection({ usageUuid }: { usageUuid: string }) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const archive = useQuery({
    queryKey: ['usage-archive', usageUuid],
    queryFn: () => unwrap(api.GET('/api/v2/it-system-usage-archives/{usageUuid}', { params: { path: { usageUuid } } })),
  });
  if (archive.isPending) return <Spinner />;
  if (!archive.data) return <ProblemAlert error={archive.error} />;
  const a = archive.data;
  return (
    <>
      <dl className="field-list">
        <dt>{t('usages.archiving.archiveDuty')}</dt>
        <dd>{a.archiveDuty ? t(`usages.values.${a.archiveDuty}`) : t('usages.page.notSet')}</dd>
        <dt>{t('usages.archiving.archived')}</dt>
        <dd>{a.active == null ? t('usages.page.notSet') : a.active ? t('usages.yes') : t('usages.no')}</dd>
        <dt>{t('usages.archiving.notes')}</dt>
        <dd className="preserve-lines">{a.notes || t('usages.page.notSet')}</dd>
      </dl>
      <h3>{t('usages.archiving.journalPeriods')}</h3>
      {a.journalPeriods.length === 0 ? (
        <p>{t('usages.archiving.none')}</p>
      ) : (
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">{t('usages.archiving.archiveId')}</th>
              <th scope="col">{t('usages.archiving.startDate')}</th>
              <th scope="col">{t('usages.archiving.endDate')}</th>
              <th scope="col">{t('usages.archiving.approved')}</th>
            </tr>
          </thead>
          <tbody>
            {a.journalPeriods.map((p) => (
              <tr key={p.uuid}>
                <td>{p.archiveId}</td>
                <td>{format.date(p.startDate)}</td>
                <td>{format.date(p.endDate)}</td>
                <td>{p.approved ? t('usages.yes') : t('usages.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** The contracts that cover the usage (read-only; the contract pages belong to the contracts area). */
export function ContractsSection({ usageUuid, organizationUuid }: { usageUuid: string; organizationUuid: string }) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const contracts = useQuery({
    queryKey: ['it-contracts', { systemUsageUuid: usageUuid }],
    queryFn: () =>
      unwrap(api.GET('/api/v2/it-contracts', { params: { query: { systemUsageUuid: usageUuid, organizationUuid, pageSize: 100 } } })),
  });
  if (contracts.isPending) return <Spinner />;
  if (!contracts.data) return <ProblemAlert error={contracts.error} />;
  if (contracts.data.length === 0) return <p>{t('usages.contracts.none')}</p>;
  return (
    <table className="table table--compact">
      <thead>
        <tr>
          <th scope="col">{t('usages.contracts.name')}</th>
          <th scope="col">{t('usages.contracts.validFrom')}</th>
          <th scope="col">{t('usages.contracts.validTo')}</th>
          <th scope="col">{t('usages.contracts.valid')}</th>
        </tr>
      </thead>
      <tbody>
        {contracts.data.map((c) => (
          <tr key={c.uuid}>
            <td>{c.name}</td>
            <td>{format.date(c.general.validity.validFrom)}</td>
            <td>{format.date(c.general.validity.validTo)}</td>
            <td>{c.general.validity.valid ? t('usages.yes') : t('usages.no')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function show(value: unknown, empty: string): string {
  if (value === null || value === undefined || value === '') return empty;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The usage's history as a readable list: when, who, what, and each changed field from → to. */
export function HistorySection({ usageUuid }: { usageUuid: string }) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const history = useQuery({
    queryKey: ['usage-history', usageUuid],
    queryFn: () => unwrap(api.GET('/api/v2/it-system-usages/{uuid}/history', { params: { path: { uuid: usageUuid } } })),
  });
  if (history.isPending) return <Spinner />;
  if (!history.data) return <ProblemAlert error={history.error} />;
  if (history.data.length === 0) return <p>{t('usages.history.none')}</p>;
  const empty = t('usages.history.empty');
  return (
    <ol className="history-list">
      {[...history.data].reverse().map((entry) => (
        <li key={`${entry.version}:${entry.occurredAt}`}>
          <p>
            <strong>{t(`usages.history.${entry.event}`)}</strong> ·{' '}
            <time dateTime={entry.occurredAt}>{format.dateTime(entry.occurredAt)}</time> ·{' '}
            {entry.actor.name ?? (entry.actor.uuid ? entry.actor.uuid : t('usages.history.systemActor'))}
          </p>
          {entry.changes.length > 0 && (
            <ul>
              {entry.changes.map((c) => (
                <li key={c.field}>
                  {t('usages.history.change', { field: c.field, from: show(c.oldValue, empty), to: show(c.newValue, empty) })}
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
