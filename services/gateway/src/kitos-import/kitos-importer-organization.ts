import { Rpc, type OrganizationResponse, type OrganizationUnitResponse, type UserResponse } from '@kitos/contracts';
import {
  currentOrganization,
  currentUnit,
  currentUser,
  mapOrganization,
  mapUnit,
  mapUser,
  parentsFirst,
  type Mapped,
} from './kitos-mapping';
import { Stop, type ImportRun } from './kitos-importer-run';
import type { KitosOrganization, KitosOrganizationUnit, KitosShallowOrganization, KitosUser } from './kitos.types';

/**
 * The organisation, its units and its users with their organisation roles; and the organisations that contracts,
 * registrations and archiving name (created here as companies when missing).
 */

/** The organisation: created when it is not here, never changed. Without it nothing in it can be imported. */
export async function importOrganization(run: ImportRun): Promise<{ name: string }> {
  const { known, org } = run;
  const k = await run.kitos.get<KitosOrganization>(`/api/v2/organizations/${org}`);
  const existing = await run.find<OrganizationResponse>(Rpc.identity.getOrganization, { uuid: org });
  known.organizationHere = existing !== null;
  const mapped = mapOrganization(k);
  const name = existing?.name ?? (mapped.ok ? mapped.value.name : '');
  const outcome = await run.one('organization', org, k.name ?? org, mapped, existing && currentOrganization(existing), {
    create: (value) => run.bus.request(Rpc.identity.createOrganization, { uuid: org, ...value }),
    update: null,
  });
  run.progress('organization', 1, 1, true);
  if (!existing && (outcome === 'skipped' || outcome === 'failed'))
    throw new Stop('the organisation cannot be imported, so nothing in it can');
  if (outcome === 'created' && run.apply) known.organizationHere = true;
  known.organizations.set(org, true);
  return { name };
}

/** The units, parents first; KITOS's root unit is the root here. */
export async function importUnits(run: ImportRun, organization: { name: string }): Promise<void> {
  const { known, org } = run;
  const path = `/api/v2/organizations/${org}/organization-units`;
  const all = await run.kitos.list<KitosOrganizationUnit>(path);
  const changed = run.since ? await run.listChanged<KitosOrganizationUnit>(path) : all;
  const here = known.organizationHere
    ? await run.bus.request<OrganizationUnitResponse[]>(Rpc.identity.listUnits, { organizationUuid: org })
    : [];
  const hereByUuid = new Map(here.map((u) => [u.uuid, u]));
  const hereRoot = here.find((u) => !u.parentOrganizationUnit);
  const kitosRoot = all.find((u) => !u.parentOrganizationUnit);
  for (const u of here) known.units.set(u.uuid, u.uuid);
  for (const u of all) if (u !== kitosRoot) known.units.set(u.uuid, u.uuid);
  if (kitosRoot) known.units.set(kitosRoot.uuid, hereRoot?.uuid ?? kitosRoot.uuid);
  const context = known.context();
  const ordered = parentsFirst(
    changed,
    (u) => u.uuid,
    (u) => u.parentOrganizationUnit?.uuid,
  );
  await run.each('organization-unit', ordered, async (k) => {
    if (k === kitosRoot || (kitosRoot && k.uuid === kitosRoot.uuid)) {
      await importRoot(run, k, hereRoot ?? null, organization);
      return;
    }
    const existing = hereByUuid.get(k.uuid);
    await run.one('organization-unit', k.uuid, k.name, mapUnit(k, context), existing ? currentUnit(existing) : null, {
      create: (value) => run.bus.request(Rpc.identity.createUnit, { organizationUuid: org, body: { uuid: k.uuid, ...value } }),
      update: (changes) => run.bus.request(Rpc.identity.patchUnit, { organizationUuid: org, uuid: k.uuid, body: changes }),
    });
  });
}

/**
 * The KITOS root is this organisation's root here, which identity creates with the organisation (named after it):
 * its name is brought over, its uuid cannot be.
 */
async function importRoot(
  run: ImportRun,
  k: KitosOrganizationUnit,
  hereRoot: OrganizationUnitResponse | null,
  organization: { name: string },
): Promise<void> {
  const note = `the root unit is this organisation's root here${hereRoot ? ` (uuid ${hereRoot.uuid})` : ''}; KITOS's root uuid is not kept`;
  const name = k.name?.trim();
  const mapped: Mapped<{ name: string }> = name
    ? { ok: true, value: { name }, notes: [note] }
    : { ok: false, reason: 'the unit has no name' };
  // without the organisation here yet (a dry run), its root will be named after it
  const current = { name: hereRoot?.name ?? organization.name };
  await run.one('organization-unit', k.uuid, k.name, mapped, current, {
    create: null,
    update: async (changes) => {
      const rootUuid = hereRoot?.uuid ?? run.known.units.get(k.uuid);
      await run.bus.request(Rpc.identity.patchUnit, { organizationUuid: run.org, uuid: rootUuid, body: changes });
    },
  });
}

/** The users with their roles in the organisation: missing roles are added, an e-mail address is never changed. */
export async function importUsers(run: ImportRun): Promise<void> {
  const { known, org } = run;
  const users = await run.kitos.list<KitosUser>(`/api/v2/organizations/${org}/users`);
  await run.each('user', users, async (k) => {
    const existing = await run.find<UserResponse>(Rpc.identity.getUser, { uuid: k.uuid });
    const mapped = mapUser(k);
    const current = existing && currentUser(existing, org);
    const name = [k.firstName, k.lastName].filter(Boolean).join(' ') || k.name || k.uuid;
    const outcome = await run.one('user', k.uuid, name, mapped, current, {
      create: ({ roles, ...value }) =>
        run.bus.request(Rpc.identity.createUser, {
          uuid: k.uuid,
          ...value,
          rights: roles.map((role) => ({ organizationUuid: org, role })),
        }),
      update: async (changes, desired) => {
        const { roles, ...fields } = changes;
        if (Object.keys(fields).length) await run.bus.request(Rpc.identity.patchUser, { uuid: k.uuid, body: fields });
        for (const role of roles ? desired.roles.filter((r) => !current?.roles.includes(r)) : []) {
          await run.bus.request(Rpc.identity.addRole, { organizationUuid: org, uuid: k.uuid, body: { role } });
        }
      },
      refuse: (desired, cur) =>
        desired.email.toLowerCase() !== cur.email.toLowerCase()
          ? `the e-mail address here (${cur.email}) differs; the import does not change e-mail addresses`
          : null,
      // roles the user has here but not in KITOS are kept: only missing ones count as a difference
      compare: (desired, cur) => ({
        ...desired,
        email: cur.email,
        roles: desired.roles.every((r) => cur.roles.includes(r)) ? cur.roles : desired.roles,
      }),
    });
    if (existing || outcome === 'created') known.users.add(k.uuid);
  });
}

/**
 * The organisations a contract or registration names (supplier, data processors, sub-processors): created here with
 * KITOS's uuid when they are not (as companies; an existing one is never changed), so that the references hold.
 */
export async function importPartners(run: ImportRun, partners: Array<KitosShallowOrganization | null | undefined>): Promise<void> {
  const { known } = run;
  const byUuid = new Map<string, KitosShallowOrganization>();
  for (const p of partners) if (p?.uuid && p.uuid !== run.org) byUuid.set(p.uuid, p);
  await known.knowOrganizations([...byUuid.keys()]);
  for (const k of byUuid.values()) {
    if (known.organizations.get(k.uuid)) continue;
    const mapped = mapOrganization({ ...k, organizationType: 'Company' });
    const outcome = await run.one('organization', k.uuid, k.name, mapped, null, {
      create: (value) => run.bus.request(Rpc.identity.createOrganization, { uuid: k.uuid, ...value }),
      update: null,
    });
    if (outcome === 'created') known.organizations.set(k.uuid, true);
  }
}
