import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from '@tanstack/react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrapWithEtag, type Schemas } from '../../api/client';
import { useSession, useSignedIn } from '../../auth/session';
import { Field } from '../../components/Field';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { Spinner } from '../../components/Spinner';
import { formatters } from '../../i18n';
import { ContractDeadlines } from './ContractDeadlines';
import { ContractReminders } from './ContractReminders';
import { HistorySection } from '../../components/HistoryTimeline';
import { ContractTermsForm, termsAreValid } from './ContractTermsForm';
import { useContract, useContractOptions, type Contract } from './data';
import { Facts, OptionSelect, withChosen } from './FormControls';
import { termsOf, termsToWrite, type TermsValues } from './terms';

type Patch = Schemas['UpdateItContractRequest'];

/** PATCH with If-Match; the answer (new version and ETag) replaces the cached contract. */
function useContractPatch(uuid: string, etag: string | null) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: Patch) =>
      unwrapWithEtag(api.PATCH('/api/v2/it-contracts/{uuid}', { params: { path: { uuid }, header: { 'If-Match': etag ?? '' } }, body })),
    onSuccess: (result) => {
      queries.setQueryData(['it-contract', uuid], result);
      void queries.invalidateQueries({ queryKey: ['it-contracts'] });
    },
  });
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="kitos-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

/** A contract's page [IT-kontrakt]: every section; general data and the terms editable by those who may. */
export function ContractPage() {
  const { t } = useTranslation();
  const { uuid } = useParams({ strict: false }) as { uuid: string };
  const contract = useContract(uuid);
  if (contract.isPending) return <Spinner />;
  if (contract.error || !contract.data) return <ProblemAlert error={contract.error} onReload={() => void contract.refetch()} />;
  const { data, etag } = contract.data;
  return (
    <>
      <p>
        <Link to="/contracts">{t('common.back')}</Link>
      </p>
      <h1>{data.name}</h1>
      <ContractSections contract={data} etag={etag} reload={() => void contract.refetch()} />
      <HistorySection kind="contract" uuid={uuid} />
    </>
  );
}

function ContractSections({ contract, etag, reload }: { contract: Contract; etag: string | null; reload: () => void }) {
  const { t, i18n } = useTranslation();
  const { current, user } = useSignedIn();
  const format = formatters(i18n.language);
  const canEdit = user.isGlobalAdmin || current.roles.some((r) => ['LocalAdmin', 'ContractModuleAdmin'].includes(r));
  const f = (key: string) => t(`contracts.fields.${key}`);
  const name = (pair?: { name: string | null } | null) => pair?.name ?? '';
  const signed = (s: { signed: boolean; signedBy: string | null; signedAt: string | null }) => [
    [f('signed'), s.signed ? t('common.yes') : t('common.no')] as [string, string],
    [f('signedBy'), s.signedBy ?? ''] as [string, string],
    [f('signedAt'), format.date(s.signedAt)] as [string, string],
  ];
  const { procurement, supplier, responsible, paymentModel } = contract;

  return (
    <>
      <Section id="general" title={t('contracts.sections.general')}>
        <p>
          {contract.validity.valid ? t('contracts.validYes') : t('contracts.validNo')}
          {contract.validity.validationErrors.map((e) => (
            <span key={e} className="badge badge-warning kitos-badge-gap">
              {t(`contracts.validationErrors.${e}`)}
            </span>
          ))}
        </p>
        {canEdit ? (
          <GeneralForm contract={contract} etag={etag} reload={reload} />
        ) : (
          <Facts
            items={[
              [f('name'), contract.name],
              [f('contractId'), contract.general.contractId],
              [f('contractType'), name(contract.general.contractType)],
              [f('criticality'), name(contract.general.criticality)],
              [f('notes'), contract.general.notes],
            ]}
          />
        )}
        <Facts
          items={[
            [f('contractTemplate'), name(contract.general.contractTemplate)],
            [f('agreementElements'), contract.general.agreementElements.map((e) => e.name).join(', ')],
          ]}
        />
      </Section>
      <Section id="procurement" title={t('contracts.sections.procurement')}>
        <Facts
          items={[
            [f('purchaseType'), name(procurement.purchaseType)],
            [f('procurementStrategy'), name(procurement.procurementStrategy)],
            [
              f('procurementPlan'),
              procurement.procurementPlan ? `Q${procurement.procurementPlan.quarterOfYear} ${procurement.procurementPlan.year}` : '',
            ],
            [
              f('procurementInitiated'),
              procurement.procurementInitiated ? t(`contracts.procurementInitiated.${procurement.procurementInitiated}`) : '',
            ],
          ]}
        />
      </Section>
      <Section id="supplier" title={t('contracts.sections.supplier')}>
        <Facts
          items={[
            [
              f('supplierOrganization'),
              supplier.organization
                ? `${supplier.organization.name ?? ''}${supplier.organization.cvr ? ` (CVR ${supplier.organization.cvr})` : ''}`
                : '',
            ],
            ...signed(supplier),
          ]}
        />
      </Section>
      <Section id="responsible" title={t('contracts.sections.responsible')}>
        <Facts items={[[f('organizationUnit'), name(responsible.organizationUnit)], ...signed(responsible)]} />
      </Section>
      <Section id="payment-model" title={t('contracts.sections.paymentModel')}>
        <Facts
          items={[
            [f('operationsRemunerationStartedAt'), format.date(paymentModel.operationsRemunerationStartedAt)],
            [f('paymentFrequency'), name(paymentModel.paymentFrequency)],
            [f('paymentModel'), name(paymentModel.paymentModel)],
            [f('priceRegulation'), name(paymentModel.priceRegulation)],
          ]}
        />
      </Section>
      <TermsSection contract={contract} etag={etag} reload={reload} canEdit={canEdit} />
      <Section id="economy" title={t('contracts.sections.economy')}>
        <EconomyTable economy={contract.economy} />
      </Section>
      <Section id="roles" title={t('contracts.sections.roles')}>
        {contract.roles.length === 0 ? (
          <p>{t('contracts.roles.empty')}</p>
        ) : (
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">{t('contracts.roles.role')}</th>
                <th scope="col">{t('contracts.roles.user')}</th>
              </tr>
            </thead>
            <tbody>
              {contract.roles.map((r) => (
                <tr key={`${r.role.uuid}:${r.user.uuid}`}>
                  <td>{r.role.name}</td>
                  <td>{r.user.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <Section id="systems" title={t('contracts.sections.systems')}>
        {contract.systemUsages.length === 0 ? (
          <p>{t('contracts.linkedEmpty')}</p>
        ) : (
          <ul>
            {contract.systemUsages.map((u) => (
              <li key={u.uuid}>{u.name}</li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="dprs" title={t('contracts.sections.dprs')}>
        {contract.dataProcessingRegistrations.length === 0 ? (
          <p>{t('contracts.linkedEmpty')}</p>
        ) : (
          <ul>
            {contract.dataProcessingRegistrations.map((d) => (
              <li key={d.uuid}>
                <Link to="/data-processing/$uuid" params={{ uuid: d.uuid }}>
                  {d.name}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="reminders" title={t('contracts.sections.reminders')}>
        <ContractReminders contract={contract} canEdit={canEdit} />
      </Section>
    </>
  );
}

/** Keeps a form's values while the user types; resets them to the server's when a new version arrives. */
function useDraft<T>(fromServer: () => T, version: number): [T, (next: T) => void] {
  const [draft, setDraft] = useState(fromServer);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setDraft(fromServer()), [version]);
  return [draft, setDraft];
}

function SavedNote({ shown }: { shown: boolean }) {
  const { t } = useTranslation();
  return (
    <span role="status" className="kitos-saved">
      {shown ? t('contracts.saved') : ''}
    </span>
  );
}

function GeneralForm({ contract, etag, reload }: { contract: Contract; etag: string | null; reload: () => void }) {
  const { t } = useTranslation();
  const { current } = useSignedIn();
  const { expired } = useSession();
  const types = useContractOptions('/api/v2/it-contract-contract-types', current.organization.uuid);
  const criticalities = useContractOptions('/api/v2/it-contract-criticality-types', current.organization.uuid);
  const patch = useContractPatch(contract.uuid, etag);
  const [draft, setDraft] = useDraft(
    () => ({
      name: contract.name,
      contractId: contract.general.contractId ?? '',
      contractTypeUuid: contract.general.contractType?.uuid ?? '',
      criticalityUuid: contract.general.criticality?.uuid ?? '',
      notes: contract.general.notes ?? '',
    }),
    contract.version,
  );
  const f = (key: string) => t(`contracts.fields.${key}`);
  const set = (key: keyof typeof draft, value: string) => setDraft({ ...draft, [key]: value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    patch.mutate({
      name: draft.name.trim(),
      general: {
        contractId: draft.contractId.trim() || null,
        contractTypeUuid: draft.contractTypeUuid || null,
        criticalityUuid: draft.criticalityUuid || null,
        notes: draft.notes || null,
      },
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-busy={patch.isPending} aria-label={t('contracts.sections.general')}>
      {!expired && <ProblemAlert error={patch.error} onReload={reload} />}
      <Field
        name="name"
        label={f('name')}
        value={draft.name}
        maxLength={200}
        error={fieldError(patch.error, 'name')}
        onChange={(e) => set('name', e.target.value)}
      />
      <Field
        name="general.contractId"
        label={f('contractId')}
        value={draft.contractId}
        error={fieldError(patch.error, 'general.contractId')}
        onChange={(e) => set('contractId', e.target.value)}
      />
      <div className="kitos-form-grid">
        <OptionSelect
          name="general.contractTypeUuid"
          label={f('contractType')}
          value={draft.contractTypeUuid}
          error={fieldError(patch.error, 'general.contractTypeUuid')}
          options={withChosen(types.data, contract.general.contractType)}
          noneLabel={t('contracts.none')}
          onChange={(uuid) => set('contractTypeUuid', uuid)}
        />
        <OptionSelect
          name="general.criticalityUuid"
          label={f('criticality')}
          value={draft.criticalityUuid}
          error={fieldError(patch.error, 'general.criticalityUuid')}
          options={withChosen(criticalities.data, contract.general.criticality)}
          noneLabel={t('contracts.none')}
          onChange={(uuid) => set('criticalityUuid', uuid)}
        />
      </div>
      <div className={`form-group${fieldError(patch.error, 'general.notes') ? ' form-error' : ''}`}>
        <label className="form-label" htmlFor="field-general.notes">
          {f('notes')}
        </label>
        <textarea
          id="field-general.notes"
          className="form-input"
          rows={3}
          value={draft.notes}
          onChange={(e) => set('notes', e.target.value)}
        />
      </div>
      <div className="kitos-actions">
        <button type="submit" className="button button-primary" disabled={patch.isPending}>
          {t('common.save')}
        </button>
        <SavedNote shown={patch.isSuccess} />
      </div>
    </form>
  );
}

function TermsSection({
  contract,
  etag,
  reload,
  canEdit,
}: {
  contract: Contract;
  etag: string | null;
  reload: () => void;
  canEdit: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { current } = useSignedIn();
  const { expired } = useSession();
  const noticePeriods = useContractOptions('/api/v2/it-contract-notice-period-month-types', current.organization.uuid);
  const extensionOptions = useContractOptions('/api/v2/it-contract-agreement-extension-option-types', current.organization.uuid);
  const patch = useContractPatch(contract.uuid, etag);
  const [terms, setTerms] = useDraft<TermsValues>(() => termsOf(contract), contract.version);
  const format = formatters(i18n.language);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (termsAreValid(terms)) patch.mutate(termsToWrite(terms));
  };
  if (!canEdit) {
    const f = (key: string) => t(`contracts.fields.${key}`);
    const { agreementPeriod: p, termination } = contract;
    return (
      <Section id="agreement-period" title={t('contracts.sections.agreementPeriod')}>
        <Facts
          items={[
            [f('validFrom'), format.date(contract.general.validity.validFrom)],
            [f('validTo'), format.date(contract.general.validity.validTo)],
            [f('durationYears'), format.number(p.durationYears)],
            [f('durationMonths'), format.number(p.durationMonths)],
            [f('isContinuous'), p.isContinuous ? t('common.yes') : t('common.no')],
            [f('extensionOptions'), p.extensionOptions?.name ?? ''],
            [f('irrevocableUntil'), format.date(p.irrevocableUntil)],
            [f('noticePeriodMonths'), termination.terms.noticePeriodMonths?.name ?? ''],
            [f('noticeByEndOf'), t(`contracts.noticeByEndOf.${termination.terms.noticeByEndOf ?? 'none'}`)],
            [f('terminatedAt'), format.date(termination.terminatedAt)],
          ]}
        />
        <ContractTermsDeadlines contract={contract} />
      </Section>
    );
  }
  return (
    <section className="kitos-section" aria-label={t('contracts.sections.agreementPeriod')}>
      <form onSubmit={submit} noValidate aria-busy={patch.isPending}>
        {!expired && <ProblemAlert error={patch.error} onReload={reload} />}
        <ContractTermsForm
          values={terms}
          onChange={setTerms}
          options={{
            noticePeriods: withChosen(noticePeriods.data, contract.termination.terms.noticePeriodMonths),
            extensionOptions: withChosen(extensionOptions.data, contract.agreementPeriod.extensionOptions),
          }}
          error={patch.error}
          deadlines={contract.deadlines}
        />
        <div className="kitos-actions">
          <button type="submit" className="button button-primary" disabled={patch.isPending}>
            {t('common.save')}
          </button>
          <SavedNote shown={patch.isSuccess} />
        </div>
      </form>
    </section>
  );
}

function ContractTermsDeadlines({ contract }: { contract: Contract }) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{t('contracts.sections.deadlines')}</h3>
      <ContractDeadlines deadlines={contract.deadlines} />
    </>
  );
}

/** Economy in kroner: totals per year, then internal, external and all. */
function EconomyTable({ economy }: { economy: Schemas['ContractEconomyResponse'] }) {
  const { t, i18n } = useTranslation();
  const { kroner } = formatters(i18n.language);
  const kr = (øre: number) => kroner(øre / 100);
  if (economy.total.totalØre === 0 && economy.byYear.length === 0) return <p>{t('contracts.economy.empty')}</p>;
  const row = (label: string, m: Schemas['MoneyTotals'], key: string, header = false) => (
    <tr key={key} className={header ? 'kitos-total-row' : undefined}>
      <th scope="row">{label}</th>
      <td className="kitos-number">{kr(m.acquisitionØre)}</td>
      <td className="kitos-number">{kr(m.operationØre)}</td>
      <td className="kitos-number">{kr(m.otherØre)}</td>
      <td className="kitos-number">{kr(m.totalØre)}</td>
    </tr>
  );
  return (
    <table className="table table--compact">
      <thead>
        <tr>
          <th scope="col">{t('contracts.economy.year')}</th>
          <th scope="col">{t('contracts.economy.acquisition')}</th>
          <th scope="col">{t('contracts.economy.operation')}</th>
          <th scope="col">{t('contracts.economy.other')}</th>
          <th scope="col">{t('contracts.economy.total')}</th>
        </tr>
      </thead>
      <tbody>
        {economy.byYear.map((y) => row(y.year == null ? t('contracts.economy.noYear') : String(y.year), y, `year-${y.year}`))}
        {row(t('contracts.economy.internal'), economy.internal, 'internal', true)}
        {row(t('contracts.economy.external'), economy.external, 'external', true)}
        {row(t('contracts.economy.totalRow'), economy.total, 'total', true)}
      </tbody>
    </table>
  );
}
