import { Injectable } from '@nestjs/common';
import { catalogVisibility, isMember, type CallerContext } from '@kitos/common';
import { ReadModelStore } from '../read-models/read-model.store';
import type { ReadModelKind } from '../read-models/read-model.types';
import { SharingSettingsStore } from './sharing-settings.store';

/**
 * The sharing rules agreed among the municipalities, in one place. Everything an organisation registers is shared in
 * cross-organisation reports, except:
 * - `project`: project data (IT projects and programmes, and links to them);
 * - `note`: notes and remark fields (free text);
 * - `economy`: contract economy, for organisations that opted out (their local admin's setting, read on every request,
 *   so a change is effective at once, also for reports built earlier).
 * Members of the owning organisation and global administrators see everything.
 */
export type PrivateFieldClass = 'project' | 'note' | 'economy';

export const PRIVATE_FIELD_CLASSES: readonly PrivateFieldClass[] = ['project', 'note', 'economy'];

/**
 * The private fields of each read model, as paths into its documents. Reports, exports, benchmarks and data-quality
 * findings all go through `redact` (or ask `hiddenFor`), so that this table is the only list of what is private.
 * `'*'` = the whole object.
 */
export const PRIVATE_FIELDS: Readonly<Partial<Record<ReadModelKind, Partial<Record<PrivateFieldClass, readonly string[]>>>>> = {
  'it-system-usages': { note: ['data.notes', 'gdpr.data.riskAssessmentNotes', 'archive.data.notes'] },
  'it-contracts': { note: ['data.notes'], economy: ['data.economy'] },
  'data-processing-registrations': {
    note: [
      'data.dataResponsibleRemark',
      'data.agreementConcludedRemark',
      'data.oversightOptionsRemark',
      'data.oversightIntervalRemark',
      'data.oversightCompletedRemark',
    ],
  },
  'system-relations': { note: ['data.description'] },
  'it-interfaces': { note: ['data.note'] },
  'it-projects': { project: ['*'] },
};

/** How a caller may see one organisation's registrations. */
export type Audience =
  /** Member of the organisation, or global admin: everything. */
  | { readonly kind: 'own' }
  /** Another organisation's user who may read across organisations: everything but the private classes listed. */
  | { readonly kind: 'shared'; readonly hidden: ReadonlySet<PrivateFieldClass> }
  /** May not read the organisation's registrations at all (answer 404). */
  | { readonly kind: 'none' };

/** The private class of a path of a read model, or null when the path is shared. */
export function privateClassOf(kind: ReadModelKind, path: string): PrivateFieldClass | null {
  const classes = PRIVATE_FIELDS[kind] ?? {};
  for (const cls of PRIVATE_FIELD_CLASSES) {
    const paths = classes[cls] ?? [];
    if (paths.some((p) => p === '*' || p === path || path.startsWith(`${p}.`))) return cls;
  }
  return null;
}

/** A copy of a read-model document without the fields hidden from the audience (null when the whole object is hidden). */
export function redact<T extends object>(kind: ReadModelKind, doc: T, hidden: ReadonlySet<PrivateFieldClass>): T | null {
  if (hidden.size === 0) return doc;
  const classes = PRIVATE_FIELDS[kind] ?? {};
  let copy: T | null = null;
  for (const cls of hidden) {
    for (const path of classes[cls] ?? []) {
      if (path === '*') return null;
      copy ??= structuredClone(doc);
      unset(copy as Record<string, unknown>, path.split('.'));
    }
  }
  return copy ?? doc;
}

function unset(target: Record<string, unknown>, path: string[]): void {
  const [head, ...rest] = path;
  if (rest.length === 0) {
    if (head in target) delete target[head];
    return;
  }
  const next = target[head];
  if (next && typeof next === 'object') unset(next as Record<string, unknown>, rest);
}

@Injectable()
export class SharingPolicy {
  constructor(
    private readonly settings: SharingSettingsStore,
    private readonly store: ReadModelStore,
  ) {}

  /** Whether the caller reads across organisations at all (member of a municipality, stakeholder, global admin). */
  readsAcrossOrganizations(caller: CallerContext): boolean {
    const visibility = catalogVisibility(caller);
    return visibility.all || visibility.includeGlobal;
  }

  /** How the caller sees the registrations of `organizationUuid`. */
  async audienceFor(caller: CallerContext, organizationUuid: string): Promise<Audience> {
    if (caller.kind !== 'system' && caller.kind !== 'user') return { kind: 'none' };
    if (isMember(caller, organizationUuid)) return { kind: 'own' };
    if (!this.readsAcrossOrganizations(caller)) return { kind: 'none' };
    // An organisation reporting does not know (or a deleted one) has nothing to share: 404, not an empty report.
    if (!(await this.store.organizationExists(organizationUuid))) return { kind: 'none' };
    return { kind: 'shared', hidden: await this.hiddenFromOthers(organizationUuid) };
  }

  /** Whether reporting knows `organizationUuid` as a live organisation. */
  async organizationExists(organizationUuid: string): Promise<boolean> {
    return this.store.organizationExists(organizationUuid);
  }

  /** What other organisations never see of `organizationUuid`'s registrations. */
  async hiddenFromOthers(organizationUuid: string): Promise<ReadonlySet<PrivateFieldClass>> {
    const hidden = new Set<PrivateFieldClass>(['project', 'note']);
    if (!(await this.settings.sharesContractEconomy(organizationUuid))) hidden.add('economy');
    return hidden;
  }

  /**
   * For aggregates over many organisations: the classes hidden per organisation, for a caller who is no member of
   * them (a member's own figures are no secret to her, but aggregates treat every organisation alike so that the
   * result does not depend on who asks).
   */
  async economyOptedOut(): Promise<ReadonlySet<string>> {
    return this.settings.organizationsNotSharingEconomy();
  }
}
