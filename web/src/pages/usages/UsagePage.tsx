import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { api, unwrapWithEtag, type Schemas } from '../../api/client';
import { useSignedIn } from '../../auth/session';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Spinner } from '../../components/Spinner';
import { GdprForm } from './GdprForm';
import { GeneralTab } from './GeneralTab';
import { OrganizationTab } from './OrganizationTab';
import { HistoryTimeline } from '../../components/HistoryTimeline';
import { ArchivingTab } from './ArchivingTab';
import { ContractsTab } from './ContractsTab';
import { KleTab } from './KleTab';
import { RelationsTab } from './RelationsTab';
import { RolesTab } from './RolesTab';
import { UsageTabs } from './UsageTabs';
import { useUsageEditRights } from './edit-rights';

import { USAGE_TABS, type UsageTab } from './tabs';

export { USAGE_TABS, type UsageTab } from './tabs';

const usageRouteApi = getRouteApi('/shell/usages/$uuid');

/** `/usages/$uuid?tab=…`: a fresh page (and state) for each usage; the tab lives in the URL. */
export function UsageRoute() {
  const { uuid } = usageRouteApi.useParams();
  const { tab } = usageRouteApi.useSearch();
  const navigate = useNavigate();
  return (
    <UsagePage
      key={uuid}
      uuid={uuid}
      tab={tab ?? 'general'}
      onTab={(next) => void navigate({ to: '/usages/$uuid', params: { uuid }, search: { tab: next }, replace: true })}
    />
  );
}

function GdprTab({ usageUuid, canEdit }: { usageUuid: string; canEdit: boolean }) {
  const queries = useQueryClient();
  const key = ['usage-gdpr', usageUuid];
  const gdpr = useQuery({
    queryKey: key,
    queryFn: () => unwrapWithEtag(api.GET('/api/v2/it-system-usages/{uuid}/gdpr', { params: { path: { uuid: usageUuid } } })),
  });
  const save = useMutation({
    mutationFn: (body: Schemas['UsageGdprWriteRequest']) =>
      unwrapWithEtag(
        api.PATCH('/api/v2/it-system-usages/{uuid}/gdpr', {
          params: { path: { uuid: usageUuid }, header: { 'If-Match': gdpr.data?.etag ?? undefined } },
          body,
        }),
      ),
    onSuccess: (saved) => queries.setQueryData(key, saved),
  });
  if (gdpr.isPending) return <Spinner />;
  if (!gdpr.data) return <ProblemAlert error={gdpr.error} />;
  return (
    <GdprForm
      key={gdpr.data.data.version}
      gdpr={gdpr.data.data}
      canEdit={canEdit}
      saving={save.isPending}
      saved={save.isSuccess}
      error={save.error}
      onSave={(body) => save.mutate(body)}
      onReload={() => {
        save.reset();
        void gdpr.refetch();
      }}
    />
  );
}

/** Names of the ids a usage refers to (organisation, system, units, roles, users, KLE, main contract), for its history. */
function namesOf(usage: Schemas['ComposedItSystemUsageResponse']): Record<string, string> {
  const pairs = [
    usage.organizationContext,
    usage.systemContext,
    ...usage.organizationUsage.usingOrganizationUnits,
    usage.organizationUsage.responsibleOrganizationUnit,
    ...usage.roles.flatMap((r) => [r.role, r.user]),
    ...usage.localKleDeviations.addedKLE,
    ...usage.localKleDeviations.removedKLE,
    usage.general.mainContract,
    usage.general.dataClassification,
  ];
  return Object.fromEntries(pairs.flatMap((p) => (p?.name ? [[p.uuid, p.name]] : [])));
}

/** A system in use [IT-system i anvendelse]: its sections as tabs, each edited with If-Match by those who may. */
export function UsagePage({ uuid, tab, onTab }: { uuid: string; tab: UsageTab; onTab: (tab: UsageTab) => void }) {
  const { t } = useTranslation();
  const { current } = useSignedIn();
  const organizationUuid = current.organization.uuid;
  const queries = useQueryClient();
  const key = ['it-system-usage', uuid];
  const usage = useQuery({
    queryKey: key,
    queryFn: () => unwrapWithEtag(api.GET('/api/v2/it-system-usages/{uuid}', { params: { path: { uuid } } })),
  });
  const [reloads, setReloads] = useState(0);
  const saveUsage = useMutation({
    mutationFn: (body: Schemas['UpdateComposedItSystemUsageRequest']) =>
      unwrapWithEtag(
        api.PATCH('/api/v2/it-system-usages/{uuid}', {
          params: { path: { uuid }, header: { 'If-Match': usage.data?.etag ?? undefined } },
          body,
        }),
      ),
    onSuccess: (saved) => queries.setQueryData(key, saved),
  });
  const rights = useUsageEditRights(uuid, usage.data?.data.version ?? 0);
  const canEdit = rights?.usage ?? false;
  const { reset } = saveUsage;
  useEffect(() => reset(), [tab, reset]); // a tab's saved notice or error belongs to that tab
  const editing = {
    canEdit,
    saving: saveUsage.isPending,
    saved: saveUsage.isSuccess,
    error: saveUsage.error,
    onReload: () => {
      saveUsage.reset();
      void usage.refetch().then(() => setReloads((n) => n + 1));
    },
  };

  if (usage.isPending || (usage.data && !rights)) return <Spinner />;
  if (!usage.data) return <ProblemAlert error={usage.error} />;
  const data = usage.data.data;
  const name = data.general.localCallName ? `${data.systemContext.name} (${data.general.localCallName})` : data.systemContext.name;
  const tabs = USAGE_TABS.map((id) => ({ id, label: t(`usages.page.${id}`) }));

  return (
    <>
      <p>
        <Link to="/usages" activeOptions={{ exact: true }}>
          <span aria-hidden="true">← </span>
          {t('usages.page.back')}
        </Link>
      </p>
      <h1>{name}</h1>
      <p>
        {t('usages.page.system')}:{' '}
        <Link to="/catalog/$uuid" params={{ uuid: data.systemContext.uuid }}>
          {data.systemContext.name}
        </Link>
      </p>
      <UsageTabs label={t('usages.page.tabs')} tabs={tabs} selected={tab} onSelect={onTab}>
        <h2>{t(`usages.page.${tab}`)}</h2>
        {tab === 'general' && (
          <GeneralTab key={`${data.version}:${reloads}`} usage={data} {...editing} onSave={(general) => saveUsage.mutate({ general })} />
        )}
        {tab === 'organization' && (
          <OrganizationTab
            key={`${data.version}:${reloads}`}
            usage={data}
            {...editing}
            onSave={(organizationUsage) => saveUsage.mutate({ organizationUsage })}
          />
        )}
        {tab === 'kle' && <KleTab usage={data} {...editing} onSave={(localKleDeviations) => saveUsage.mutate({ localKleDeviations })} />}
        {tab === 'roles' && <RolesTab usage={data} etag={usage.data.etag} canEdit={canEdit} onChanged={() => usage.refetch()} />}
        {tab === 'relations' && (
          <RelationsTab usageUuid={uuid} organizationUuid={organizationUuid} canEdit={rights?.gdprAndRelations ?? false} />
        )}
        {tab === 'gdpr' && <GdprTab usageUuid={uuid} canEdit={rights?.gdprAndRelations ?? false} />}
        {tab === 'archiving' && <ArchivingTab usageUuid={uuid} organizationUuid={organizationUuid} canEdit={rights?.archive ?? false} />}
        {tab === 'contracts' && (
          <ContractsTab key={`${data.version}:${reloads}`} usage={data} {...editing} onSave={(general) => saveUsage.mutate({ general })} />
        )}
        {tab === 'history' && <HistoryTimeline kind="usage" uuid={uuid} names={namesOf(data)} />}
      </UsageTabs>
    </>
  );
}
