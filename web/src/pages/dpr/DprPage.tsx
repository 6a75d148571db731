import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapWithEtag, type Schemas } from '../../api/client';
import { useSignedIn } from '../../auth/session';
import { CheckboxGroup } from '../../components/FormFields';
import { ObjectLink, objectPaths } from '../../components/ObjectLink';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { Spinner } from '../../components/Spinner';
import { HistorySection } from '../../components/HistoryTimeline';
import { bindDraft, BoundChoice, BoundInput, BoundOption } from '../contracts/BoundFields';
import { Adder, LinkList, RoleAssignments } from '../contracts/ContractLinks';
import { SectionForm, useDraft } from '../contracts/ContractSectionForms';
import { useContractOptions, useOrganizationUsages, usePermissions } from '../contracts/data';
import { OptionSelect, withChosen } from '../contracts/FormControls';
import { OrganizationPicker } from '../contracts/OrganizationPicker';
import { OversightDates, type OversightDateWrite } from './OversightDates';

type Dpr = Schemas['DataProcessingRegistrationResponse'];
type DprPatch = Schemas['UpdateDataProcessingRegistrationRequest'];
type Written = { data: Dpr; etag: string | null };
interface SectionProps {
  dpr: Dpr;
  etag: string | null;
  reload: () => void;
  canEdit: boolean;
}

function useDpr(uuid: string) {
  return useQuery({
    queryKey: ['dpr', uuid],
    queryFn: () => unwrapWithEtag(api.GET('/api/v2/data-processing-registrations/{uuid}', { params: { path: { uuid } } })),
  });
}

/** After a change: the registration's new version, the overview and the GDPR dashboard (its findings may have gone). */
function useAfterChange(uuid: string) {
  const queries = useQueryClient();
  return (result?: Written) => {
    if (result) queries.setQueryData(['dpr', uuid], result);
    else void queries.invalidateQueries({ queryKey: ['dpr', uuid] });
    void queries.invalidateQueries({ queryKey: ['dprs'] });
    void queries.invalidateQueries({ queryKey: ['gdpr'] });
  };
}

function useDprPatch(uuid: string, etag: string | null) {
  const changed = useAfterChange(uuid);
  return useMutation({
    mutationFn: (body: DprPatch) =>
      unwrapWithEtag(
        api.PATCH('/api/v2/data-processing-registrations/{uuid}', {
          params: { path: { uuid }, header: { 'If-Match': etag ?? '' } },
          body,
        }),
      ),
    onSuccess: changed,
  });
}

/** A data processing registration's page [Databehandling]: every section editable by those who may, with If-Match. */
export function DprPage() {
  const { t } = useTranslation();
  const { uuid } = useParams({ strict: false }) as { uuid: string };
  const dpr = useDpr(uuid);
  const permissions = usePermissions('data-processing-registrations', uuid);
  if (dpr.isPending) return <Spinner />;
  if (dpr.error || !dpr.data) return <ProblemAlert error={dpr.error} onReload={() => void dpr.refetch()} />;
  const props: SectionProps = {
    dpr: dpr.data.data,
    etag: dpr.data.etag,
    reload: () => void dpr.refetch(),
    canEdit: permissions.data?.modify ?? false,
  };
  return (
    <>
      <p>
        <Link to="/data-processing">{t('common.back')}</Link>
      </p>
      <h1>{dpr.data.data.name}</h1>
      <p>{dpr.data.data.general.valid ? t('dpr.valid') : t('dpr.invalid')}</p>
      <GeneralSection {...props} />
      <SystemsSection {...props} />
      <OversightSection {...props} />
      <RolesSection {...props} />
      <ContractsSection dpr={props.dpr} />
      <HistorySection kind="dataProcessing" uuid={uuid} />
    </>
  );
}

type Org = { uuid: string; name: string | null };

/** Stamdata: name, data responsible, the agreement, transfer to third countries, processors and sub-processors, main contract. */
function GeneralSection({ dpr, etag, reload, canEdit }: SectionProps) {
  const { t } = useTranslation();
  const org = useSignedIn().current.organization.uuid;
  const responsibles = useContractOptions('/api/v2/data-processing-registration-data-responsible-types', org);
  const bases = useContractOptions('/api/v2/data-processing-registration-basis-for-transfer-types', org);
  const countries = useContractOptions('/api/v2/data-processing-registration-country-types', org);
  const patch = useDprPatch(dpr.uuid, etag);
  const g = dpr.general;
  const [draft, setDraft] = useDraft(
    () => ({
      name: dpr.name,
      dataResponsibleUuid: g.dataResponsible?.uuid ?? '',
      isAgreementConcluded: (g.isAgreementConcluded ?? '') as string,
      agreementConcludedAt: g.agreementConcludedAt ?? '',
      transferToInsecureThirdCountries: (g.transferToInsecureThirdCountries ?? '') as string,
      countryUuids: g.insecureCountriesSubjectToDataTransfer.map((c) => c.uuid),
      basisForTransferUuid: g.basisForTransfer?.uuid ?? '',
      dataProcessors: g.dataProcessors.map((o) => ({ uuid: o.uuid, name: o.name })) as Org[],
      hasSubDataProcessors: (g.hasSubDataProcessors ?? '') as string,
      subDataProcessors: g.subDataProcessors.map((s) => ({
        uuid: s.dataProcessorOrganization.uuid,
        name: s.dataProcessorOrganization.name,
      })) as Org[],
      mainContractUuid: g.mainContract?.uuid ?? '',
    }),
    dpr.version,
  );
  const [adding, setAdding] = useState<{ processor: Org | null; sub: Org | null }>({ processor: null, sub: null });
  const form = bindDraft(
    draft,
    setDraft,
    (key) => t(`dpr.fields.${key.replace(/Uuid$/, '')}`),
    (path) => fieldError(patch.error, path),
    !canEdit,
  );
  const answers = (values: readonly string[]) =>
    [{ value: '', label: t('dpr.none') }].concat(values.map((v) => ({ value: v, label: t(`dpr.answers.${v}`) })));
  const submit = () =>
    patch.mutate({
      name: draft.name.trim(),
      general: {
        dataResponsibleUuid: draft.dataResponsibleUuid || null,
        isAgreementConcluded: (draft.isAgreementConcluded || null) as Schemas['DprGeneralWrite']['isAgreementConcluded'],
        agreementConcludedAt: draft.isAgreementConcluded === 'Yes' ? draft.agreementConcludedAt || null : null,
        transferToInsecureThirdCountries: (draft.transferToInsecureThirdCountries || null) as 'Yes' | 'No' | null,
        insecureCountriesSubjectToDataTransferUuids: draft.transferToInsecureThirdCountries === 'Yes' ? draft.countryUuids : [],
        basisForTransferUuid: draft.basisForTransferUuid || null,
        dataProcessorUuids: draft.dataProcessors.map((o) => o.uuid),
        hasSubDataProcessors: (draft.hasSubDataProcessors || null) as 'Yes' | 'No' | null,
        subDataProcessors:
          draft.hasSubDataProcessors === 'Yes'
            ? draft.subDataProcessors.map((o) => {
                const kept = g.subDataProcessors.find((s) => s.dataProcessorOrganization.uuid === o.uuid);
                return {
                  dataProcessorOrganizationUuid: o.uuid,
                  basisForTransferUuid: kept?.basisForTransfer?.uuid ?? null,
                  transferToInsecureThirdCountry: kept?.transferToInsecureThirdCountry ?? null,
                  insecureThirdCountrySubjectToDataProcessingUuid: kept?.insecureThirdCountrySubjectToDataProcessing?.uuid ?? null,
                };
              })
            : [],
        mainContractUuid: draft.mainContractUuid || null,
      },
    });
  const orgList = (key: 'dataProcessors' | 'subDataProcessors', pick: 'processor' | 'sub', label: string) => (
    <fieldset className="kitos-fieldset" id={`field-general.${key === 'dataProcessors' ? 'dataProcessorUuids' : 'subDataProcessors'}`}>
      <legend className="h4">{label}</legend>
      {fieldError(patch.error, key === 'dataProcessors' ? 'general.dataProcessorUuids' : 'general.subDataProcessors') && (
        <span className="form-error-message">
          {fieldError(patch.error, key === 'dataProcessors' ? 'general.dataProcessorUuids' : 'general.subDataProcessors')}
        </span>
      )}
      {draft[key].length === 0 ? (
        <p>{t('dpr.none')}</p>
      ) : (
        <ul className="kitos-link-list">
          {draft[key].map((o) => (
            <li key={o.uuid}>
              {o.name}
              {canEdit && (
                <button
                  type="button"
                  className="button button-tertiary"
                  onClick={() => setDraft({ ...draft, [key]: draft[key].filter((x) => x.uuid !== o.uuid) })}
                >
                  {t('contracts.removeNamed', { name: o.name })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <div className="kitos-adder">
          <OrganizationPicker
            name={`add-${key}`}
            label={t('dpr.addOrganization', { list: label })}
            searchLabel={t('dpr.searchOrganization', { list: label })}
            chosen={adding[pick]}
            noneLabel={t('contracts.choose')}
            onChange={(o) => setAdding({ ...adding, [pick]: o })}
          />
          <button
            type="button"
            className="button button-secondary"
            disabled={!adding[pick] || draft[key].some((x) => x.uuid === adding[pick]?.uuid)}
            onClick={() => {
              setDraft({ ...draft, [key]: [...draft[key], adding[pick]!] });
              setAdding({ ...adding, [pick]: null });
            }}
          >
            {t('contracts.add')}
          </button>
        </div>
      )}
    </fieldset>
  );

  return (
    <SectionForm id="dpr-general" title={t('dpr.sections.general')} patch={patch} onSubmit={submit} reload={reload} canEdit={canEdit}>
      <BoundInput form={form} field="name" path="name" maxLength={200} required />
      <div className="kitos-form-grid">
        <BoundOption
          form={form}
          field="dataResponsibleUuid"
          path="general.dataResponsibleUuid"
          options={withChosen(responsibles.data, g.dataResponsible)}
          noneLabel={t('dpr.none')}
        />
        <BoundChoice
          form={form}
          field="isAgreementConcluded"
          path="general.isAgreementConcluded"
          choices={answers(['Yes', 'No', 'DontKnow', 'Irrelevant', 'Undecided'])}
        />
        {draft.isAgreementConcluded === 'Yes' && (
          <BoundInput form={form} field="agreementConcludedAt" path="general.agreementConcludedAt" type="date" />
        )}
      </div>
      <div className="kitos-form-grid">
        <BoundChoice
          form={form}
          field="transferToInsecureThirdCountries"
          path="general.transferToInsecureThirdCountries"
          choices={answers(['Yes', 'No', 'Undecided'])}
        />
        <BoundOption
          form={form}
          field="basisForTransferUuid"
          path="general.basisForTransferUuid"
          options={withChosen(bases.data, g.basisForTransfer)}
          noneLabel={t('dpr.none')}
        />
      </div>
      {draft.transferToInsecureThirdCountries === 'Yes' && (
        <CheckboxGroup
          name="general.insecureCountriesSubjectToDataTransferUuids"
          legend={t('dpr.fields.insecureCountries')}
          error={fieldError(patch.error, 'general.insecureCountriesSubjectToDataTransferUuids')}
          options={withChosen(countries.data, null)
            .concat(g.insecureCountriesSubjectToDataTransfer.filter((c) => !countries.data?.some((o) => o.uuid === c.uuid)))
            .map((c) => ({ value: c.uuid, label: c.name ?? c.uuid }))}
          value={draft.countryUuids}
          disabled={!canEdit}
          onChange={(countryUuids) => setDraft({ ...draft, countryUuids })}
        />
      )}
      {orgList('dataProcessors', 'processor', t('dpr.fields.dataProcessors'))}
      <BoundChoice
        form={form}
        field="hasSubDataProcessors"
        path="general.hasSubDataProcessors"
        choices={answers(['Yes', 'No', 'Undecided'])}
      />
      {draft.hasSubDataProcessors === 'Yes' && orgList('subDataProcessors', 'sub', t('dpr.fields.subDataProcessors'))}
      <OptionSelect
        name="general.mainContractUuid"
        label={t('dpr.fields.mainContract')}
        value={draft.mainContractUuid}
        error={fieldError(patch.error, 'general.mainContractUuid')}
        options={g.associatedContracts}
        noneLabel={t('dpr.none')}
        disabled={!canEdit}
        onChange={(mainContractUuid) => setDraft({ ...draft, mainContractUuid })}
      />
    </SectionForm>
  );
}

/** IT-systemer: the system usages whose personal data the registration covers. */
function SystemsSection({ dpr, etag, reload, canEdit }: SectionProps) {
  const { t } = useTranslation();
  const usages = useOrganizationUsages(useSignedIn().current.organization.uuid);
  const patch = useDprPatch(dpr.uuid, etag);
  const linked = dpr.systemUsages.map((u) => u.uuid);
  const write = (systemUsageUuids: string[]) => patch.mutate({ systemUsageUuids });
  const available = (usages.data ?? [])
    .filter((u) => !linked.includes(u.uuid))
    .map((u) => ({ uuid: u.uuid, name: u.systemContext.name }))
    .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'da'));
  return (
    <LinkList
      id="dpr-systems"
      title={t('dpr.sections.systems')}
      items={dpr.systemUsages.map((u) => ({ key: u.uuid, ...u }))}
      render={(u) => <ObjectLink href={`${objectPaths.usage(u.uuid)}?tab=gdpr`}>{u.name ?? u.uuid}</ObjectLink>}
      removeLabel={(u) => t('contracts.removeNamed', { name: u.name })}
      onRemove={(u) => write(linked.filter((x) => x !== u.uuid))}
      canEdit={canEdit}
      error={patch.error}
      reload={reload}
      busy={patch.isPending}
      adder={
        <Adder
          name="systemUsageUuids"
          label={t('contracts.addSystem')}
          options={available}
          busy={patch.isPending}
          error={fieldError(patch.error, 'systemUsageUuids')}
          onAdd={(uuid) => write([...linked, uuid])}
        />
      }
    />
  );
}

/** KITOS's oversight intervals, typed by the API so that a renamed value fails the build. */
const INTERVALS: ReadonlyArray<NonNullable<Dpr['oversight']['oversightInterval']>> = [
  'Undecided',
  'BiYearly',
  'Yearly',
  'EveryOtherYear',
  'Other',
];

/** Tilsyn: interval, options, whether completed, the next planned inspection; the completed dates; the next oversight due. */
function OversightSection({ dpr, etag, reload, canEdit }: SectionProps) {
  const { t } = useTranslation();
  const org = useSignedIn().current.organization.uuid;
  const options = useContractOptions('/api/v2/data-processing-registration-oversight-types', org);
  const patch = useDprPatch(dpr.uuid, etag);
  const o = dpr.oversight;
  const [draft, setDraft] = useDraft(
    () => ({
      oversightInterval: (o.oversightInterval ?? '') as string,
      isOversightCompleted: (o.isOversightCompleted ?? '') as string,
      scheduledInspection: o.oversightScheduledInspectionDate ?? '',
      optionUuids: o.oversightOptions.map((x) => x.uuid),
    }),
    dpr.version,
  );
  const form = bindDraft(
    draft,
    setDraft,
    (key) => t(`dpr.fields.${key}`),
    (path) => fieldError(patch.error, path),
    !canEdit,
  );
  const submit = () =>
    patch.mutate({
      oversight: {
        oversightInterval: (draft.oversightInterval || null) as Schemas['DprOversightWrite']['oversightInterval'],
        isOversightCompleted: (draft.isOversightCompleted || null) as 'Yes' | 'No' | null,
        oversightScheduledInspectionDate: draft.scheduledInspection || null,
        oversightOptionUuids: draft.optionUuids,
      },
    });
  const dates = useOversightDates(dpr, etag);
  return (
    <SectionForm
      id="dpr-oversight"
      title={t('dpr.sections.oversight')}
      patch={patch}
      onSubmit={submit}
      reload={reload}
      canEdit={canEdit}
      after={
        <>
          <ProblemAlert error={dates.error} onReload={reload} />
          <OversightDates
            dates={o.oversightDates}
            nextOversightDate={o.nextOversightDate}
            completed={o.isOversightCompleted === 'Yes'}
            canEdit={canEdit}
            busy={dates.isPending}
            error={dates.error}
            onAdd={(date) => dates.mutate({ action: 'add', date })}
            onUpdate={(uuid, date) => dates.mutate({ action: 'update', uuid, date })}
            onDelete={(uuid) => dates.mutate({ action: 'delete', uuid })}
          />
        </>
      }
    >
      <div className="kitos-form-grid">
        <BoundChoice
          form={form}
          field="oversightInterval"
          path="oversight.oversightInterval"
          choices={[{ value: '', label: t('dpr.none') }].concat(INTERVALS.map((v) => ({ value: v, label: t(`dpr.intervals.${v}`) })))}
        />
        <BoundChoice
          form={form}
          field="isOversightCompleted"
          path="oversight.isOversightCompleted"
          choices={[{ value: '', label: t('dpr.none') }].concat(
            ['Yes', 'No', 'Undecided'].map((v) => ({ value: v, label: t(`dpr.answers.${v}`) })),
          )}
        />
        <BoundInput form={form} field="scheduledInspection" path="oversight.oversightScheduledInspectionDate" type="date" />
      </div>
      <CheckboxGroup
        name="oversight.oversightOptionUuids"
        legend={t('dpr.fields.oversightOptions')}
        error={fieldError(patch.error, 'oversight.oversightOptionUuids')}
        options={withChosen(options.data, null)
          .concat(o.oversightOptions.filter((x) => !options.data?.some((y) => y.uuid === x.uuid)))
          .map((x) => ({ value: x.uuid, label: x.name ?? x.uuid }))}
        value={draft.optionUuids}
        disabled={!canEdit}
        onChange={(optionUuids) => setDraft({ ...draft, optionUuids })}
      />
    </SectionForm>
  );
}

type DateChange =
  | { action: 'add'; date: OversightDateWrite }
  | { action: 'update'; uuid: string; date: OversightDateWrite }
  | { action: 'delete'; uuid: string };

/** The oversight dates sub-resource, each change with If-Match; the registration is read again for its new version and next oversight. */
function useOversightDates(dpr: Dpr, etag: string | null) {
  const changed = useAfterChange(dpr.uuid);
  const path = { uuid: dpr.uuid };
  const header = { 'If-Match': etag ?? '' };
  return useMutation({
    mutationFn: async (change: DateChange): Promise<unknown> => {
      if (change.action === 'add')
        return unwrap(
          api.POST('/api/v2/data-processing-registrations/{uuid}/oversight-dates', { params: { path, header }, body: change.date }),
        );
      const itemPath = { ...path, oversightDateUuid: change.uuid };
      if (change.action === 'update')
        return unwrap(
          api.PATCH('/api/v2/data-processing-registrations/{uuid}/oversight-dates/{oversightDateUuid}', {
            params: { path: itemPath, header },
            body: change.date,
          }),
        );
      return unwrap(
        api.DELETE('/api/v2/data-processing-registrations/{uuid}/oversight-dates/{oversightDateUuid}', {
          params: { path: itemPath, header },
        }),
      );
    },
    onSuccess: () => changed(),
  });
}

function RolesSection({ dpr, etag, reload, canEdit }: SectionProps) {
  const { t } = useTranslation();
  const organizationUuid = useSignedIn().current.organization.uuid;
  const roleTypes = useContractOptions('/api/v2/data-processing-registration-role-types', organizationUuid);
  const patch = useDprPatch(dpr.uuid, etag);
  return (
    <RoleAssignments
      id="dpr-roles"
      title={t('dpr.sections.roles')}
      roles={dpr.roles}
      roleTypes={roleTypes.data ?? []}
      organizationUuid={organizationUuid}
      canEdit={canEdit}
      write={(roles) => patch.mutate({ roles })}
      error={patch.error}
      reload={reload}
      busy={patch.isPending}
    />
  );
}

/** Kontrakter: the contracts that name the registration (linked from the contract's page). */
function ContractsSection({ dpr }: { dpr: Dpr }) {
  const { t } = useTranslation();
  const contracts = dpr.general.associatedContracts;
  return (
    <section className="kitos-section" aria-labelledby="dpr-contracts">
      <h2 id="dpr-contracts">{t('dpr.sections.contracts')}</h2>
      {contracts.length ? (
        <ul>
          {contracts.map((c) => (
            <li key={c.uuid}>
              <Link to="/contracts/$uuid" params={{ uuid: c.uuid }}>
                {c.name}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('contracts.linkedEmpty')}</p>
      )}
    </section>
  );
}
