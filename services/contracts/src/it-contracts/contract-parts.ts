import { Inject, Injectable } from '@nestjs/common';
import {
  DomainError,
  ID_GENERATOR,
  danishDayOfInput,
  fieldRefs,
  roleAssignmentErrors,
  type CallerContext,
  type FieldError,
  type IdGenerator,
  collectErrors,
  newPartUuid,
} from '@kitos/common';
import { kronerToØre, type ContractPaymentWrite, type OptionTypeKind, type UpdateItContractRequest } from '@kitos/contracts';
import { LinkedObjectsLookup } from '../links/linked-objects.lookup';
import { OptionCatalog, OrganizationDirectory } from '../shared/ports';
import type { Payment } from './contract-economy';
import {
  agreementPeriodErrors,
  duplicateErrors,
  keptUuidErrors,
  masterReferenceErrors,
  parentCycleError,
  validityPeriodErrors,
} from './contract-rules';
import { parseExtensionOption, parseNoticeMonths } from './contract-terms';
import { ContractHierarchy } from './contract-hierarchy';
import { nameKeyOf, type ItContract, type OptionValue } from './it-contract';

export type Parts = Partial<UpdateItContractRequest>;
export type PartState = Partial<ItContract>;

/** Turns the parts of a create or update request into contract state, checked against the rules and the data owned elsewhere. */
@Injectable()
export class ContractPartsResolver {
  constructor(
    private readonly options: OptionCatalog,
    private readonly directory: OrganizationDirectory,
    private readonly links: LinkedObjectsLookup,
    private readonly hierarchy: ContractHierarchy,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /**
   * The state of each part sent (a missing or null section is reset), checked against the KITOS rules and the data
   * owned elsewhere. References already on the contract are not checked again (an option deactivated since must not
   * block other changes). Every 400 problem of every part is reported together; an unknown parent is 404, an
   * unreadable one 403, as in KITOS.
   */
  async resolve(caller: CallerContext, current: ItContract, uuid: string, parts: Parts): Promise<PartState> {
    const org = current.organizationUuid;
    const result: PartState = {};
    const errors: FieldError[] = [];
    const checks: Array<() => Promise<unknown>> = [];
    const day = (value: string | null | undefined) => (value ? danishDayOfInput(value) : null);
    /** An option: kept when unchanged, else checked for availability in the organisation and named. */
    const option = (
      kind: OptionTypeKind,
      field: string,
      key: keyof ItContract,
      chosen: string | null | undefined,
      after?: (o: OptionValue) => void,
    ) => {
      const uuidChosen = chosen ?? null;
      const existing = current[key] as OptionValue | null;
      if (uuidChosen === null) {
        (result as Record<string, unknown>)[key] = null;
        return;
      }
      if (existing?.uuid === uuidChosen) {
        (result as Record<string, unknown>)[key] = existing;
        after?.(existing);
        return;
      }
      checks.push(async () => {
        const [found] = await this.options.requireAvailable(kind, org, [{ field, uuid: uuidChosen }]);
        const value = { uuid: found.uuid, name: found.name };
        (result as Record<string, unknown>)[key] = value;
        after?.(value);
      });
    };

    if ('name' in parts) {
      if (!parts.name) errors.push({ field: 'name', message: 'name is required and cannot be cleared' });
      else Object.assign(result, { name: parts.name, nameKey: nameKeyOf(org, parts.name) });
    }

    if ('parentContractUuid' in parts) {
      const parentUuid = parts.parentContractUuid ?? null;
      result.parentUuid = parentUuid;
      if (parentUuid !== null && parentUuid !== current.parentUuid) {
        const field = 'parentContractUuid';
        if (parentUuid === uuid) errors.push({ field, message: 'A contract cannot be its own parent' });
        else {
          const parent = await this.hierarchy.requireReadableParent(caller, parentUuid);
          if (parent.organizationUuid !== org) errors.push({ field, message: 'The parent contract must belong to the same organisation' });
          const cycle = parentCycleError(uuid, parentUuid, await this.hierarchy.ancestorUuids(parentUuid), field);
          if (cycle) errors.push(cycle);
        }
      }
    }

    if ('general' in parts) {
      const g = parts.general ?? {};
      const v = g.validity ?? {};
      Object.assign(result, {
        contractId: g.contractId ?? null,
        notes: g.notes ?? null,
        enforcedValid: v.enforcedValid ?? false,
        validFrom: day(v.validFrom),
        validTo: day(v.validTo),
        requireValidParent: v.requireValidParent ?? false,
      } satisfies PartState);
      errors.push(...validityPeriodErrors(result.validFrom ?? null, result.validTo ?? null));
      option('it-contract-contract-types', 'general.contractTypeUuid', 'contractType', g.contractTypeUuid);
      option('it-contract-contract-template-types', 'general.contractTemplateUuid', 'contractTemplate', g.contractTemplateUuid);
      option('it-contract-criticality-types', 'general.criticalityUuid', 'criticality', g.criticalityUuid);
      const elements = g.agreementElementUuids ?? [];
      const elementErrors = duplicateErrors('general.agreementElementUuids', elements, 'Agreement element');
      errors.push(...elementErrors);
      const known = new Map(current.agreementElements.map((e) => [e.uuid, e.name]));
      const build = () => (result.agreementElements = elements.map((u) => ({ uuid: u, name: known.get(u) ?? '' })));
      build();
      const fresh = elements.map((u, i) => ({ field: `general.agreementElementUuids[${i}]`, uuid: u })).filter((r) => !known.has(r.uuid));
      if (!elementErrors.length && fresh.length)
        checks.push(async () => {
          for (const o of await this.options.requireAvailable('it-contract-agreement-element-types', org, fresh)) known.set(o.uuid, o.name);
          build();
        });
    }

    if ('procurement' in parts) {
      const p = parts.procurement ?? {};
      option('it-contract-purchase-types', 'procurement.purchaseTypeUuid', 'purchaseType', p.purchaseTypeUuid);
      option(
        'it-contract-procurement-strategy-types',
        'procurement.procurementStrategyUuid',
        'procurementStrategy',
        p.procurementStrategyUuid,
      );
      Object.assign(result, {
        procurementPlanQuarter: p.procurementPlan?.quarterOfYear ?? null,
        procurementPlanYear: p.procurementPlan?.year ?? null,
        procurementInitiated: p.procurementInitiated ?? null,
      } satisfies PartState);
    }

    if ('supplier' in parts) {
      const s = parts.supplier ?? {};
      const supplierUuid = s.organizationUuid ?? null;
      Object.assign(result, {
        supplierUuid,
        supplierSigned: s.signed ?? false,
        supplierSignedBy: s.signedBy ?? null,
        supplierSignedAt: day(s.signedAt),
      } satisfies PartState);
      if (supplierUuid !== null && supplierUuid !== current.supplierUuid)
        checks.push(() => this.directory.requireOrganization({ field: 'supplier.organizationUuid', uuid: supplierUuid }));
    }

    if ('responsible' in parts) {
      const r = parts.responsible ?? {};
      const unitUuid = r.organizationUnitUuid ?? null;
      Object.assign(result, {
        responsibleUnitUuid: unitUuid,
        responsibleUnitName: unitUuid === null ? null : unitUuid === current.responsibleUnitUuid ? current.responsibleUnitName : '',
        responsibleSigned: r.signed ?? false,
        responsibleSignedBy: r.signedBy ?? null,
        responsibleSignedAt: day(r.signedAt),
      } satisfies PartState);
      if (unitUuid !== null && unitUuid !== current.responsibleUnitUuid)
        checks.push(async () => {
          const [unit] = await this.directory.requireUnits(org, [{ field: 'responsible.organizationUnitUuid', uuid: unitUuid }]);
          result.responsibleUnitName = unit.name;
        });
    }

    if ('systemUsageUuids' in parts) {
      const usages = parts.systemUsageUuids ?? [];
      const dup = duplicateErrors('systemUsageUuids', usages, 'System usage');
      errors.push(...dup);
      result.systemUsageUuids = [...usages];
      const fresh = fieldRefs('systemUsageUuids', usages).filter((r) => !current.systemUsageUuids.includes(r.uuid));
      if (!dup.length && fresh.length) checks.push(() => this.links.requireUsages(org, fresh));
    }

    if ('dataProcessingRegistrationUuids' in parts) {
      const registrations = parts.dataProcessingRegistrationUuids ?? [];
      const dup = duplicateErrors('dataProcessingRegistrationUuids', registrations, 'Data processing registration');
      errors.push(...dup);
      result.dataProcessingRegistrationUuids = [...registrations];
      const fresh = fieldRefs('dataProcessingRegistrationUuids', registrations).filter(
        (r) => !current.dataProcessingRegistrationUuids.includes(r.uuid),
      );
      if (!dup.length && fresh.length) checks.push(() => this.links.requireRegistrations(org, fresh));
    }

    if ('paymentModel' in parts) {
      const m = parts.paymentModel ?? {};
      result.operationsRemunerationStartedAt = day(m.operationsRemunerationStartedAt);
      option('it-contract-payment-frequency-types', 'paymentModel.paymentFrequencyUuid', 'paymentFrequency', m.paymentFrequencyUuid);
      option('it-contract-payment-model-types', 'paymentModel.paymentModelUuid', 'paymentModel', m.paymentModelUuid);
      option('it-contract-price-regulation-types', 'paymentModel.priceRegulationUuid', 'priceRegulation', m.priceRegulationUuid);
    }

    if ('agreementPeriod' in parts) {
      const a = parts.agreementPeriod ?? {};
      Object.assign(result, {
        durationYears: a.durationYears ?? null,
        durationMonths: a.durationMonths ?? null,
        isContinuous: a.isContinuous ?? false,
        extensionOptionsUsed: a.extensionOptionsUsed ?? 0,
        irrevocableUntil: day(a.irrevocableUntil),
        extensionOptionCount: null,
        extensionOptionMonths: null,
      } satisfies PartState);
      option(
        'it-contract-agreement-extension-option-types',
        'agreementPeriod.extensionOptionsUuid',
        'extensionOptions',
        a.extensionOptionsUuid,
        (o) => {
          const parsed = parseExtensionOption(o.name);
          result.extensionOptionCount = parsed?.count ?? null;
          result.extensionOptionMonths = parsed?.months ?? null;
        },
      );
    }

    if ('termination' in parts) {
      const t = parts.termination ?? {};
      const terms = t.terms ?? {};
      Object.assign(result, {
        terminatedAt: day(t.terminatedAt),
        noticePeriodExtendsCurrent: terms.noticePeriodExtendsCurrent ?? null,
        noticeByEndOf: terms.noticeByEndOf ?? null,
        noticePeriodMonths: null,
      } satisfies PartState);
      const field = 'termination.terms.noticePeriodMonthsUuid';
      option('it-contract-notice-period-month-types', field, 'noticePeriod', terms.noticePeriodMonthsUuid, (o) => {
        result.noticePeriodMonths = parseNoticeMonths(o.name);
        if (result.noticePeriodMonths === null) errors.push({ field, message: `The notice period "${o.name}" is not a number of months` });
      });
    }

    if ('payments' in parts) {
      const internal = parts.payments?.internal ?? [];
      const external = parts.payments?.external ?? [];
      const existing = new Map([...current.internalPayments, ...current.externalPayments].map((p) => [p.uuid, p]));
      const unitNames = new Map(
        [...current.internalPayments, ...current.externalPayments].map((p) => [p.organizationUnitUuid, p.organizationUnitName]),
      );
      errors.push(...keptUuidErrors('payments.internal', internal, new Set(current.internalPayments.map((p) => p.uuid)), 'Payment'));
      errors.push(...keptUuidErrors('payments.external', external, new Set(current.externalPayments.map((p) => p.uuid)), 'Payment'));
      internal.forEach((p, i) => errors.push(...paymentAmountErrors(`payments.internal[${i}]`, p)));
      external.forEach((p, i) => errors.push(...paymentAmountErrors(`payments.external[${i}]`, p)));
      const toPayment = (p: ContractPaymentWrite): Payment => ({
        uuid: p.uuid && existing.has(p.uuid) ? p.uuid : this.ids.uuid(),
        organizationUnitUuid: p.organizationUnitUuid,
        organizationUnitName: unitNames.get(p.organizationUnitUuid) ?? '',
        acquisitionOre: paymentAmountØre(p, 'acquisition'),
        operationOre: paymentAmountØre(p, 'operation'),
        otherOre: paymentAmountØre(p, 'other'),
        accountingEntry: p.accountingEntry ?? null,
        auditStatus: p.auditStatus ?? 'White',
        auditDate: day(p.auditDate),
        note: p.note ?? null,
      });
      result.internalPayments = internal.map(toPayment);
      result.externalPayments = external.map(toPayment);
      const fresh = [
        ...internal.map((p, i) => ({ field: `payments.internal[${i}].organizationUnitUuid`, uuid: p.organizationUnitUuid })),
        ...external.map((p, i) => ({ field: `payments.external[${i}].organizationUnitUuid`, uuid: p.organizationUnitUuid })),
      ].filter((r) => !unitNames.has(r.uuid));
      if (fresh.length)
        checks.push(async () => {
          for (const unit of await this.directory.requireUnits(org, fresh)) unitNames.set(unit.uuid, unit.name);
          for (const p of [...(result.internalPayments ?? []), ...(result.externalPayments ?? [])])
            p.organizationUnitName = unitNames.get(p.organizationUnitUuid) ?? '';
        });
    }

    if ('roles' in parts) {
      const assignments = parts.roles ?? [];
      errors.push(...roleAssignmentErrors(assignments));
      const known = new Set(current.roles.map((r) => `${r.roleUuid}:${r.userUuid}`));
      const roleNames = new Map(current.roles.map((r) => [r.roleUuid, r.roleName]));
      const build = () =>
        (result.roles = assignments.map((a) => ({
          roleUuid: a.roleUuid,
          roleName: roleNames.get(a.roleUuid) ?? '',
          userUuid: a.userUuid,
        })));
      build();
      const fresh = assignments.map((a, i) => ({ ...a, i })).filter((a) => !known.has(`${a.roleUuid}:${a.userUuid}`));
      if (fresh.length) {
        checks.push(async () => {
          const roles = await this.directory.requireRoleTypes(
            'ItContract',
            fresh.map((a) => ({ field: `roles[${a.i}].roleUuid`, uuid: a.roleUuid })),
            org,
          );
          for (const role of roles) roleNames.set(role.uuid, role.name);
          build();
        });
        checks.push(() =>
          this.directory.requireMembers(
            org,
            fresh.map((a) => ({ field: `roles[${a.i}].userUuid`, uuid: a.userUuid })),
          ),
        );
      }
    }

    if ('externalReferences' in parts) {
      const references = parts.externalReferences ?? [];
      errors.push(...keptUuidErrors('externalReferences', references, new Set(current.externalReferences.map((r) => r.uuid)), 'Reference'));
      errors.push(...masterReferenceErrors(references));
      // a new reference's uuid is derived from the Idempotency-Key when there is one (numbered among the new ones of
      // this request), so that a retry finds it
      let fresh = 0;
      result.externalReferences = references.map((r) => ({
        uuid: r.uuid ?? newPartUuid(this.ids, caller, `ContractExternalReference\n${fresh++}`),
        title: r.title,
        documentId: r.documentId ?? null,
        url: r.url ?? null,
        masterReference: r.masterReference ?? false,
      }));
    }

    errors.push(...(await collectErrors(checks)));
    if ('agreementPeriod' in parts)
      errors.push(
        ...agreementPeriodErrors({
          isContinuous: result.isContinuous ?? false,
          durationYears: result.durationYears ?? null,
          durationMonths: result.durationMonths ?? null,
          extensionOptionsUsed: result.extensionOptionsUsed ?? 0,
          extensionOptionCount: result.extensionOptionCount ?? null,
        }),
      );
    if (errors.length) throw DomainError.badInput('The contract is invalid', errors);
    return result;
  }
}

const AMOUNTS = ['acquisition', 'operation', 'other'] as const;
type Amount = (typeof AMOUNTS)[number];

/**
 * A payment's amount in øre: KITOS's field in kroner (`acquisition`) when sent, else this product's øre field
 * (`acquisitionØre`), else 0. The DTO has refused kroner with more than two decimals already.
 */
export function paymentAmountØre(payment: ContractPaymentWrite, amount: Amount): number {
  const kroner = payment[amount];
  if (kroner !== undefined && kroner !== null) return kronerToØre(kroner) ?? 0;
  return payment[`${amount}Øre`] ?? 0;
}

/** Both forms of one amount sent, and not the same amount: the request is ambiguous (400 at the kroner field). */
export function paymentAmountErrors(field: string, payment: ContractPaymentWrite): FieldError[] {
  return AMOUNTS.flatMap((amount) => {
    const kroner = payment[amount];
    const øre = payment[`${amount}Øre`];
    if (kroner === undefined || kroner === null || øre === undefined || øre === null || kronerToØre(kroner) === øre) return [];
    return [{ field: `${field}.${amount}`, message: `${amount} (kroner) and ${amount}Øre disagree; send one of them` }];
  });
}
