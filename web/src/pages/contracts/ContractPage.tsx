import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from '@tanstack/react-router';
import { useSession, useSignedIn } from '../../auth/session';
import { Field } from '../../components/Field';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { Spinner } from '../../components/Spinner';
import { formatters } from '../../i18n';
import { ContractDeadlines } from './ContractDeadlines';
import { ContractReminders } from './ContractReminders';
import { HistorySection } from '../../components/HistoryTimeline';
import { ContractTermsForm, termsAreValid } from './ContractTermsForm';
import { ContractDprs, ContractRoles, ContractSystems } from './ContractLinks';
import { ContractPayments } from './ContractPayments';
import {
  PaymentModelForm,
  ProcurementForm,
  ResponsibleForm,
  SavedNote,
  SupplierForm,
  useContractPatch,
  useDraft,
} from './ContractSectionForms';
import { useContract, useContractOptions, usePermissions, type Contract } from './data';
import { Facts, OptionSelect, withChosen } from './FormControls';
import { termsOf, termsToWrite, type TermsValues } from './terms';

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
  const { t } = useTranslation();
  const permissions = usePermissions('it-contracts', contract.uuid);
  const canEdit = permissions.data?.modify ?? false;
  const f = (key: string) => t(`contracts.fields.${key}`);
  const name = (pair?: { name: string | null } | null) => pair?.name ?? '';
  const props = { contract, etag, reload, canEdit };

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
      <ProcurementForm {...props} />
      <SupplierForm {...props} />
      <ResponsibleForm {...props} />
      <PaymentModelForm {...props} />
      <TermsSection {...props} />
      <ContractPayments {...props} />
      <ContractRoles {...props} />
      <ContractSystems {...props} />
      <ContractDprs {...props} />
      <Section id="reminders" title={t('contracts.sections.reminders')}>
        <ContractReminders contract={contract} canEdit={canEdit} />
      </Section>
    </>
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
