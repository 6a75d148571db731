import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SavedNotice } from '../../components/SavedNotice';
import { Spinner } from '../../components/Spinner';
import { RelationForm, type RelationWrite } from './RelationForm';

type Outgoing = Schemas['OutgoingSystemRelationResponse'];
type Incoming = Schemas['IncomingSystemRelationResponse'];
type NamePair = Schemas['IdentityNamePair'];

const nameOf = (pair?: NamePair | null) => pair?.name ?? '';
const etagOf = (version: number) => `"${version}"`;

/** The choices of the relation form: the organisation's other usages, frequency options, its contracts, and the target's interfaces. */
function useRelationChoices(usageUuid: string, organizationUuid: string, targetUuid: string) {
  const usages = useQuery({
    queryKey: ['it-system-usages', { organizationUuid, pageSize: 250 }],
    queryFn: () => unwrap(api.GET('/api/v2/it-system-usages', { params: { query: { organizationUuid, pageSize: 250 } } })),
  });
  const frequencies = useQuery({
    queryKey: ['options', 'relation-frequency', organizationUuid],
    queryFn: () =>
      unwrap(api.GET('/api/v2/it-system-usage-relation-frequency-types', { params: { query: { organizationUuid, pageSize: 250 } } })),
  });
  const contracts = useQuery({
    queryKey: ['it-contracts', { organizationUuid, pageSize: 250 }],
    queryFn: () => unwrap(api.GET('/api/v2/it-contracts', { params: { query: { organizationUuid, pageSize: 250 } } })),
  });
  const targetSystem = usages.data?.find((u) => u.uuid === targetUuid)?.systemContext.uuid;
  const interfaces = useQuery({
    queryKey: ['it-interfaces', { exposedBySystemUuid: targetSystem }],
    enabled: !!targetSystem,
    queryFn: () => unwrap(api.GET('/api/v2/it-interfaces', { params: { query: { exposedBySystemUuid: targetSystem, pageSize: 250 } } })),
  });
  const usageName = (u: Schemas['ItSystemUsageResponse']) =>
    u.general.localCallName ? `${u.systemContext.name ?? ''} (${u.general.localCallName})` : (u.systemContext.name ?? u.uuid);
  return {
    pending: usages.isPending || frequencies.isPending || contracts.isPending,
    error: usages.error ?? frequencies.error ?? contracts.error ?? interfaces.error,
    targets: (usages.data ?? [])
      .filter((u) => u.uuid !== usageUuid)
      .map((u) => ({ value: u.uuid, label: usageName(u) }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    frequencies: (frequencies.data ?? []).map((o) => ({ value: o.uuid, label: o.name })),
    contracts: (contracts.data ?? []).map((c) => ({ value: c.uuid, label: c.name })),
    interfaces: (interfaces.data ?? []).map((i) => ({ value: i.uuid, label: i.interfaceId ? `${i.name} (${i.interfaceId})` : i.name })),
  };
}

function RelationEditor({
  usageUuid,
  organizationUuid,
  relation,
  onDone,
}: {
  usageUuid: string;
  organizationUuid: string;
  relation?: Outgoing;
  onDone: (saved: boolean) => void;
}) {
  const queries = useQueryClient();
  const [target, setTarget] = useState(relation?.toSystemUsage.uuid ?? '');
  const choices = useRelationChoices(usageUuid, organizationUuid, target);
  const save = useMutation({
    mutationFn: (body: RelationWrite) =>
      relation
        ? unwrap(
            api.PATCH('/api/v2/it-system-usages/{usageUuid}/system-relations/{relationUuid}', {
              params: { path: { usageUuid, relationUuid: relation.uuid }, header: { 'If-Match': etagOf(relation.version) } },
              body,
            }),
          )
        : unwrap(api.POST('/api/v2/it-system-usages/{usageUuid}/system-relations', { params: { path: { usageUuid } }, body })),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['usage-relations', usageUuid] });
      onDone(true);
    },
  });
  if (choices.pending) return <Spinner />;
  return (
    <>
      <ProblemAlert error={choices.error} />
      <RelationForm
        relation={relation}
        targets={choices.targets}
        interfaces={choices.interfaces}
        frequencies={choices.frequencies}
        contracts={choices.contracts}
        saving={save.isPending}
        error={save.error}
        onTargetChange={setTarget}
        onSave={(body) => save.mutate(body)}
        onCancel={() => onDone(false)}
        onReload={() => {
          save.reset();
          void queries.invalidateQueries({ queryKey: ['usage-relations', usageUuid] }).then(() => onDone(false));
        }}
      />
    </>
  );
}

/** Outgoing relations (editable by those who may change the usage) and incoming ones (read here, edited at their source). */
export function RelationsTab({ usageUuid, organizationUuid, canEdit }: { usageUuid: string; organizationUuid: string; canEdit: boolean }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [editing, setEditing] = useState<'new' | string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const outgoing = useQuery({
    queryKey: ['usage-relations', usageUuid, 'outgoing'],
    queryFn: () => unwrap(api.GET('/api/v2/it-system-usages/{usageUuid}/system-relations', { params: { path: { usageUuid } } })),
  });
  const incoming = useQuery({
    queryKey: ['usage-relations', usageUuid, 'incoming'],
    queryFn: () => unwrap(api.GET('/api/v2/it-system-usages/{usageUuid}/incoming-system-relations', { params: { path: { usageUuid } } })),
  });
  const remove = useMutation({
    mutationFn: (r: Outgoing) =>
      unwrap(
        api.DELETE('/api/v2/it-system-usages/{usageUuid}/system-relations/{relationUuid}', {
          params: { path: { usageUuid, relationUuid: r.uuid }, header: { 'If-Match': etagOf(r.version) } },
        }),
      ),
    onSuccess: async () => {
      setConfirming(null);
      setNotice(t('usages.relations.deleted'));
      await queries.invalidateQueries({ queryKey: ['usage-relations', usageUuid] });
    },
  });
  if (outgoing.isPending || incoming.isPending) return <Spinner />;
  const reload = () => {
    remove.reset();
    setConfirming(null);
    void queries.invalidateQueries({ queryKey: ['usage-relations', usageUuid] });
  };
  const done = (saved: boolean) => {
    setEditing(null);
    setNotice(saved ? t('usages.page.saved') : null);
  };
  const relation = outgoing.data?.find((r) => r.uuid === editing);

  return (
    <>
      <ProblemAlert error={outgoing.error ?? incoming.error} />
      <ProblemAlert error={remove.error} onReload={reload} />
      <SavedNotice show={!!notice && !editing} message={notice ?? ''} />
      {!canEdit && <p>{t('usages.page.readOnly')}</p>}
      <h3>{t('usages.relations.outgoing')}</h3>
      <RelationTable
        relations={outgoing.data ?? []}
        direction="to"
        actions={
          canEdit
            ? (r) =>
                confirming === r.uuid ? (
                  <span className="button-row">
                    <button
                      type="button"
                      className="button button-primary"
                      disabled={remove.isPending}
                      onClick={() => remove.mutate(r as Outgoing)}
                    >
                      {t('usages.relations.confirmDelete')}
                    </button>
                    <button type="button" className="button button-secondary" onClick={() => setConfirming(null)}>
                      {t('common.cancel')}
                    </button>
                  </span>
                ) : (
                  <span className="button-row">
                    <button
                      type="button"
                      className="button button-secondary"
                      aria-label={t('usages.relations.editOne', { name: nameOf((r as Outgoing).toSystemUsage) })}
                      onClick={() => {
                        setNotice(null);
                        setEditing(r.uuid);
                      }}
                    >
                      {t('common.edit')}
                    </button>
                    <button
                      type="button"
                      className="button button-secondary"
                      aria-label={t('usages.relations.deleteOne', { name: nameOf((r as Outgoing).toSystemUsage) })}
                      onClick={() => setConfirming(r.uuid)}
                    >
                      {t('usages.relations.delete')}
                    </button>
                  </span>
                )
            : undefined
        }
      />
      {canEdit && editing === null && (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            setNotice(null);
            setEditing('new');
          }}
        >
          {t('usages.relations.add')}
        </button>
      )}
      {canEdit && editing !== null && (
        <RelationEditor
          key={editing}
          usageUuid={usageUuid}
          organizationUuid={organizationUuid}
          relation={editing === 'new' ? undefined : relation}
          onDone={done}
        />
      )}
      <h3>{t('usages.relations.incoming')}</h3>
      <RelationTable relations={incoming.data ?? []} direction="from" />
    </>
  );
}

function RelationTable({
  relations,
  direction,
  actions,
}: {
  relations: Array<Outgoing | Incoming>;
  direction: 'to' | 'from';
  actions?: (r: Outgoing | Incoming) => ReactNode;
}) {
  const { t } = useTranslation();
  if (relations.length === 0) return <p>{t('usages.relations.none')}</p>;
  return (
    <table className="table table--compact table--zebra">
      <thead>
        <tr>
          <th scope="col">{direction === 'to' ? t('usages.relations.toSystem') : t('usages.relations.fromSystem')}</th>
          <th scope="col">{t('usages.relations.interface')}</th>
          <th scope="col">{t('usages.relations.frequency')}</th>
          <th scope="col">{t('usages.relations.contract')}</th>
          <th scope="col">{t('usages.relations.description')}</th>
          <th scope="col">{t('usages.relations.reference')}</th>
          {actions && <th scope="col">{t('usages.relations.actions')}</th>}
        </tr>
      </thead>
      <tbody>
        {relations.map((r) => {
          const other = 'toSystemUsage' in r ? r.toSystemUsage : r.fromSystemUsage;
          return (
            <tr key={r.uuid}>
              <th scope="row">
                <Link to="/usages/$uuid" params={{ uuid: other.uuid }}>
                  {nameOf(other) || other.uuid}
                </Link>
              </th>
              <td>{nameOf(r.relationInterface)}</td>
              <td>{nameOf(r.relationFrequency)}</td>
              <td>
                {r.associatedContract && (
                  <Link to="/contracts/$uuid" params={{ uuid: r.associatedContract.uuid }}>
                    {nameOf(r.associatedContract) || r.associatedContract.uuid}
                  </Link>
                )}
              </td>
              <td className="preserve-lines">{r.description}</td>
              <td>
                {r.urlReference && (
                  <a href={r.urlReference} rel="noreferrer noopener" target="_blank">
                    {r.urlReference}
                  </a>
                )}
              </td>
              {actions && <td>{actions(r)}</td>}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
