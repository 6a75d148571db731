import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient, type UseMutationResult } from '@tanstack/react-query';
import { api, unwrapWithEtag, type Schemas } from '../../api/client';
import { useSession, useSignedIn } from '../../auth/session';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { bindDraft, BoundCheckbox, BoundChoice, BoundInput, BoundOption, type DraftBinding } from './BoundFields';
import { useContractOptions, useOrganizationUnits, type Contract } from './data';
import { withChosen } from './FormControls';
import { OrganizationPicker } from './OrganizationPicker';

export type ContractPatch = Schemas['UpdateItContractRequest'];

/** PATCH with If-Match; the answer (new version and ETag) replaces the cached contract. */
export function useContractPatch(uuid: string, etag: string | null) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: ContractPatch) =>
      unwrapWithEtag(api.PATCH('/api/v2/it-contracts/{uuid}', { params: { path: { uuid }, header: { 'If-Match': etag ?? '' } }, body })),
    onSuccess: (result) => {
      queries.setQueryData(['it-contract', uuid], result);
      void queries.invalidateQueries({ queryKey: ['it-contracts'] });
      void queries.invalidateQueries({ queryKey: ['gdpr'] });
    },
  });
}

/** Keeps a form's values while the user types; resets them to the server's when a new version arrives. */
export function useDraft<T>(fromServer: () => T, version: number): [T, (next: T) => void] {
  const [draft, setDraft] = useState(fromServer);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setDraft(fromServer()), [version]);
  return [draft, setDraft];
}

export function SavedNote({ shown }: { shown: boolean }) {
  const { t } = useTranslation();
  return (
    <span role="status" className="kitos-saved">
      {shown ? t('contracts.saved') : ''}
    </span>
  );
}

export interface SectionProps {
  contract: Contract;
  etag: string | null;
  reload: () => void;
  canEdit: boolean;
}

/**
 * One section of a contract or a registration as its own form: the problem at the top, the fields, and Save for those
 * who may; `after` is shown in the section below the form (parts saved on their own).
 */
export function SectionForm({
  id,
  title,
  patch,
  onSubmit,
  reload,
  canEdit,
  children,
  after,
}: {
  id: string;
  title: string;
  patch: Pick<UseMutationResult, 'isPending' | 'isSuccess' | 'error'>;
  onSubmit: () => void;
  reload: () => void;
  canEdit: boolean;
  children: ReactNode;
  after?: ReactNode;
}) {
  const { t } = useTranslation();
  const { expired } = useSession();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <section className="kitos-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      <form onSubmit={submit} noValidate aria-busy={patch.isPending} aria-label={title}>
        {!expired && <ProblemAlert error={patch.error} onReload={reload} />}
        {children}
        {canEdit && (
          <div className="kitos-actions">
            <button type="submit" className="button button-primary" disabled={patch.isPending}>
              {t('common.save')}
            </button>
            <SavedNote shown={patch.isSuccess} />
          </div>
        )}
      </form>
      {after}
    </section>
  );
}

/** The binding of a section's draft: labels from contracts.fields, errors from the PATCH's problem (and local rules). */
function useSectionBinding<T>(
  draft: T,
  setDraft: (next: T) => void,
  error: unknown,
  canEdit: boolean,
  local: Record<string, string> = {},
): DraftBinding<T> {
  const { t } = useTranslation();
  return bindDraft(
    draft,
    setDraft,
    (key) => t(`contracts.fields.${key.replace(/Uuid$/, '')}`),
    (path) => (local[path] ? t(`contracts.validation.${local[path]}`) : fieldError(error, path)),
    !canEdit,
  );
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** Indkøb: purchase type, procurement strategy, plan (quarter and year) and whether procurement has begun. */
export function ProcurementForm({ contract, etag, reload, canEdit }: SectionProps) {
  const { t } = useTranslation();
  const org = useSignedIn().current.organization.uuid;
  const purchaseTypes = useContractOptions('/api/v2/it-contract-purchase-types', org);
  const strategies = useContractOptions('/api/v2/it-contract-procurement-strategy-types', org);
  const patch = useContractPatch(contract.uuid, etag);
  const p = contract.procurement;
  const [draft, setDraft] = useDraft(
    () => ({
      purchaseTypeUuid: p.purchaseType?.uuid ?? '',
      procurementStrategyUuid: p.procurementStrategy?.uuid ?? '',
      planQuarter: p.procurementPlan ? String(p.procurementPlan.quarterOfYear) : '',
      planYear: p.procurementPlan ? String(p.procurementPlan.year) : '',
      procurementInitiated: (p.procurementInitiated ?? '') as '' | 'Yes' | 'No' | 'Undecided',
    }),
    contract.version,
  );
  const local: Record<string, string> = {};
  if (!draft.planQuarter !== !draft.planYear || (draft.planYear && !/^\d{4}$/.test(draft.planYear)))
    local['procurement.procurementPlan'] = 'procurementPlan';
  const form = useSectionBinding(draft, setDraft, patch.error, canEdit, local);
  const submit = () => {
    if (Object.keys(local).length) return;
    patch.mutate({
      procurement: {
        purchaseTypeUuid: draft.purchaseTypeUuid || null,
        procurementStrategyUuid: draft.procurementStrategyUuid || null,
        procurementPlan: draft.planQuarter ? { quarterOfYear: Number(draft.planQuarter), year: Number(draft.planYear) } : null,
        procurementInitiated: draft.procurementInitiated || null,
      },
    });
  };
  return (
    <SectionForm
      id="procurement"
      title={t('contracts.sections.procurement')}
      patch={patch}
      onSubmit={submit}
      reload={reload}
      canEdit={canEdit}
    >
      <div className="kitos-form-grid">
        <BoundOption
          form={form}
          field="purchaseTypeUuid"
          path="procurement.purchaseTypeUuid"
          options={withChosen(purchaseTypes.data, p.purchaseType)}
          noneLabel={t('contracts.none')}
        />
        <BoundOption
          form={form}
          field="procurementStrategyUuid"
          path="procurement.procurementStrategyUuid"
          options={withChosen(strategies.data, p.procurementStrategy)}
          noneLabel={t('contracts.none')}
        />
        <BoundChoice
          form={form}
          field="procurementInitiated"
          path="procurement.procurementInitiated"
          choices={(['', 'Yes', 'No', 'Undecided'] as const).map((v) => ({
            value: v,
            label: v ? t(`contracts.procurementInitiated.${v}`) : t('contracts.none'),
          }))}
        />
      </div>
      <div className="kitos-form-grid">
        <BoundChoice
          form={form}
          field="planQuarter"
          path="procurement.procurementPlan"
          choices={['', '1', '2', '3', '4'].map((q) => ({ value: q, label: q ? `Q${q}` : t('contracts.none') }))}
        />
        <BoundInput form={form} field="planYear" path="procurement.procurementPlan.year" inputMode="numeric" trim />
      </div>
    </SectionForm>
  );
}

type SignedDraft = { signed: boolean; signedBy: string; signedAt: string };
const signedOf = (s: Contract['supplier'] | Contract['responsible']): SignedDraft => ({
  signed: s.signed,
  signedBy: s.signedBy ?? '',
  signedAt: s.signedAt ?? '',
});
const signedToWrite = (d: SignedDraft) => ({ signed: d.signed, signedBy: orNull(d.signedBy), signedAt: d.signedAt || null });

function SignedFields<T extends SignedDraft>({ form, prefix }: { form: DraftBinding<T>; prefix: 'supplier' | 'responsible' }) {
  const f = form as unknown as DraftBinding<SignedDraft>;
  return (
    <>
      <BoundCheckbox form={f} field="signed" path={`${prefix}.signed`} />
      <div className="kitos-form-grid">
        <BoundInput form={f} field="signedBy" path={`${prefix}.signedBy`} maxLength={200} />
        <BoundInput form={f} field="signedAt" path={`${prefix}.signedAt`} type="date" />
      </div>
    </>
  );
}

/** Leverandør: the supplier organisation, and who signed for it and when. */
export function SupplierForm({ contract, etag, reload, canEdit }: SectionProps) {
  const { t } = useTranslation();
  const patch = useContractPatch(contract.uuid, etag);
  const s = contract.supplier;
  const [draft, setDraft] = useDraft(
    () => ({ ...signedOf(s), organization: s.organization ? { uuid: s.organization.uuid, name: s.organization.name } : null }),
    contract.version,
  );
  const form = useSectionBinding(draft, setDraft, patch.error, canEdit);
  const submit = () => patch.mutate({ supplier: { ...signedToWrite(draft), organizationUuid: draft.organization?.uuid ?? null } });
  return (
    <SectionForm id="supplier" title={t('contracts.sections.supplier')} patch={patch} onSubmit={submit} reload={reload} canEdit={canEdit}>
      <OrganizationPicker
        name="supplier.organizationUuid"
        label={t('contracts.fields.supplierOrganization')}
        chosen={draft.organization}
        error={fieldError(patch.error, 'supplier.organizationUuid')}
        disabled={!canEdit}
        onChange={(organization) => setDraft({ ...draft, organization })}
      />
      <SignedFields form={form} prefix="supplier" />
    </SectionForm>
  );
}

/** Ansvarlig: the responsible organisation unit, and who signed for the organisation and when. */
export function ResponsibleForm({ contract, etag, reload, canEdit }: SectionProps) {
  const { t } = useTranslation();
  const units = useOrganizationUnits(useSignedIn().current.organization.uuid);
  const patch = useContractPatch(contract.uuid, etag);
  const r = contract.responsible;
  const [draft, setDraft] = useDraft(() => ({ ...signedOf(r), organizationUnitUuid: r.organizationUnit?.uuid ?? '' }), contract.version);
  const form = useSectionBinding(draft, setDraft, patch.error, canEdit);
  const submit = () => patch.mutate({ responsible: { ...signedToWrite(draft), organizationUnitUuid: draft.organizationUnitUuid || null } });
  return (
    <SectionForm
      id="responsible"
      title={t('contracts.sections.responsible')}
      patch={patch}
      onSubmit={submit}
      reload={reload}
      canEdit={canEdit}
    >
      <BoundOption
        form={form}
        field="organizationUnitUuid"
        path="responsible.organizationUnitUuid"
        options={withChosen(units.data, r.organizationUnit)}
        noneLabel={t('contracts.none')}
      />
      <SignedFields form={form} prefix="responsible" />
    </SectionForm>
  );
}

/** Betalingsmodel: when operations remuneration began, the payment model, frequency and price regulation. */
export function PaymentModelForm({ contract, etag, reload, canEdit }: SectionProps) {
  const { t } = useTranslation();
  const org = useSignedIn().current.organization.uuid;
  const models = useContractOptions('/api/v2/it-contract-payment-model-types', org);
  const frequencies = useContractOptions('/api/v2/it-contract-payment-frequency-types', org);
  const regulations = useContractOptions('/api/v2/it-contract-price-regulation-types', org);
  const patch = useContractPatch(contract.uuid, etag);
  const m = contract.paymentModel;
  const [draft, setDraft] = useDraft(
    () => ({
      operationsRemunerationStartedAt: m.operationsRemunerationStartedAt ?? '',
      paymentModelUuid: m.paymentModel?.uuid ?? '',
      paymentFrequencyUuid: m.paymentFrequency?.uuid ?? '',
      priceRegulationUuid: m.priceRegulation?.uuid ?? '',
    }),
    contract.version,
  );
  const form = useSectionBinding(draft, setDraft, patch.error, canEdit);
  const submit = () =>
    patch.mutate({
      paymentModel: {
        operationsRemunerationStartedAt: draft.operationsRemunerationStartedAt || null,
        paymentModelUuid: draft.paymentModelUuid || null,
        paymentFrequencyUuid: draft.paymentFrequencyUuid || null,
        priceRegulationUuid: draft.priceRegulationUuid || null,
      },
    });
  const none = t('contracts.none');
  return (
    <SectionForm
      id="payment-model"
      title={t('contracts.sections.paymentModel')}
      patch={patch}
      onSubmit={submit}
      reload={reload}
      canEdit={canEdit}
    >
      <div className="kitos-form-grid">
        <BoundOption
          form={form}
          field="paymentModelUuid"
          path="paymentModel.paymentModelUuid"
          options={withChosen(models.data, m.paymentModel)}
          noneLabel={none}
        />
        <BoundOption
          form={form}
          field="paymentFrequencyUuid"
          path="paymentModel.paymentFrequencyUuid"
          options={withChosen(frequencies.data, m.paymentFrequency)}
          noneLabel={none}
        />
        <BoundOption
          form={form}
          field="priceRegulationUuid"
          path="paymentModel.priceRegulationUuid"
          options={withChosen(regulations.data, m.priceRegulation)}
          noneLabel={none}
        />
        <BoundInput form={form} field="operationsRemunerationStartedAt" path="paymentModel.operationsRemunerationStartedAt" type="date" />
      </div>
    </SectionForm>
  );
}
