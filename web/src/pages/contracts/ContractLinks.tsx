import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '@tanstack/react-router';
import { useSession, useSignedIn } from '../../auth/session';
import { ObjectLink, objectPaths } from '../../components/ObjectLink';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { useContractOptions, useOrganizationDprs, useOrganizationUsages, useOrganizationUsers } from './data';
import { OptionSelect } from './FormControls';
import { useContractPatch, type SectionProps } from './ContractSectionForms';

/** A list of linked objects with Remove per item and a select + Add below (each change is saved at once, with If-Match). */
export function LinkList<T extends { key: string }>({
  id,
  title,
  items,
  render,
  removeLabel,
  onRemove,
  canEdit,
  error,
  reload,
  busy,
  adder,
}: {
  id: string;
  title: string;
  items: T[];
  render: (item: T) => ReactNode;
  removeLabel: (item: T) => string;
  onRemove: (item: T) => void;
  canEdit: boolean;
  error: unknown;
  reload: () => void;
  busy: boolean;
  adder: ReactNode;
}) {
  const { t } = useTranslation();
  const { expired } = useSession();
  return (
    <section className="kitos-section" aria-labelledby={`${id}-heading`} aria-busy={busy}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {!expired && <ProblemAlert error={error} onReload={reload} />}
      {items.length === 0 ? (
        <p>{t('contracts.linkedEmpty')}</p>
      ) : (
        <ul className="kitos-link-list">
          {items.map((item) => (
            <li key={item.key}>
              {render(item)}
              {canEdit && (
                <button type="button" className="button button-tertiary" disabled={busy} onClick={() => onRemove(item)}>
                  {removeLabel(item)}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && adder}
    </section>
  );
}

/** A select of what may be added and an Add button. */
export function Adder({
  name,
  label,
  options,
  onAdd,
  busy,
  error,
  heading,
  children,
}: {
  name: string;
  label: string;
  options: ReadonlyArray<{ uuid: string; name: string | null }>;
  onAdd: (uuid: string) => void;
  busy: boolean;
  error?: string;
  /** Shown above the fields. */
  heading?: ReactNode;
  /** Fields before the select (in the same row). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen) onAdd(chosen);
    setChosen('');
  };
  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      {heading}
      <div className="kitos-adder">
        {children}
        <OptionSelect
          name={name}
          label={label}
          value={chosen}
          error={error}
          options={options}
          noneLabel={t('contracts.choose')}
          onChange={setChosen}
        />
        <button type="submit" className="button button-secondary" disabled={busy || !chosen}>
          {t('contracts.add')}
        </button>
      </div>
    </form>
  );
}

/** IT-systemer: the system usages the contract covers. */
export function ContractSystems({ contract, etag, reload, canEdit }: SectionProps) {
  const { t } = useTranslation();
  const usages = useOrganizationUsages(useSignedIn().current.organization.uuid);
  const patch = useContractPatch(contract.uuid, etag);
  const linked = contract.systemUsages.map((u) => u.uuid);
  const write = (uuids: string[]) => patch.mutate({ systemUsageUuids: uuids });
  const available = (usages.data ?? [])
    .filter((u) => !linked.includes(u.uuid))
    .map((u) => ({ uuid: u.uuid, name: u.systemContext.name }))
    .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'da'));
  return (
    <LinkList
      id="systems"
      title={t('contracts.sections.systems')}
      items={contract.systemUsages.map((u) => ({ key: u.uuid, ...u }))}
      render={(u) => <ObjectLink href={objectPaths.usage(u.uuid)}>{u.name ?? u.uuid}</ObjectLink>}
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

/** Databehandling: the data processing registrations the contract covers. */
export function ContractDprs({ contract, etag, reload, canEdit }: SectionProps) {
  const { t } = useTranslation();
  const dprs = useOrganizationDprs(useSignedIn().current.organization.uuid);
  const patch = useContractPatch(contract.uuid, etag);
  const linked = contract.dataProcessingRegistrations.map((d) => d.uuid);
  const write = (uuids: string[]) => patch.mutate({ dataProcessingRegistrationUuids: uuids });
  const available = (dprs.data ?? []).filter((d) => !linked.includes(d.uuid)).map((d) => ({ uuid: d.uuid, name: d.name }));
  return (
    <LinkList
      id="dprs"
      title={t('contracts.sections.dprs')}
      items={contract.dataProcessingRegistrations.map((d) => ({ key: d.uuid, ...d }))}
      render={(d) => (
        <Link to="/data-processing/$uuid" params={{ uuid: d.uuid }}>
          {d.name}
        </Link>
      )}
      removeLabel={(d) => t('contracts.removeNamed', { name: d.name })}
      onRemove={(d) => write(linked.filter((x) => x !== d.uuid))}
      canEdit={canEdit}
      error={patch.error}
      reload={reload}
      busy={patch.isPending}
      adder={
        <Adder
          name="dataProcessingRegistrationUuids"
          label={t('contracts.addDpr')}
          options={available}
          busy={patch.isPending}
          error={fieldError(patch.error, 'dataProcessingRegistrationUuids')}
          onAdd={(uuid) => write([...linked, uuid])}
        />
      }
    />
  );
}

type RoleLink = { key: string; roleUuid: string; userUuid: string; role: string | null; user: string | null };

/**
 * Roles on an object [Kontraktroller, Databehandlingsroller]: who holds which role; assign a role to a user and remove
 * an assignment (the whole list is written with If-Match).
 */
export function RoleAssignments({
  id,
  title,
  roles,
  roleTypes,
  organizationUuid,
  canEdit,
  write,
  error,
  reload,
  busy,
}: {
  id: string;
  title: string;
  roles: ReadonlyArray<{ role: { uuid: string; name: string | null }; user: { uuid: string; name: string | null } }>;
  roleTypes: ReadonlyArray<{ uuid: string; name: string | null }>;
  organizationUuid: string;
  canEdit: boolean;
  write: (roles: Array<{ roleUuid: string; userUuid: string }>) => void;
  error: unknown;
  reload: () => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const users = useOrganizationUsers(organizationUuid);
  const [roleUuid, setRoleUuid] = useState('');
  const items: RoleLink[] = roles.map((r) => ({
    key: `${r.role.uuid}:${r.user.uuid}`,
    roleUuid: r.role.uuid,
    userUuid: r.user.uuid,
    role: r.role.name,
    user: r.user.name,
  }));
  const pairs = items.map(({ roleUuid: r, userUuid: u }) => ({ roleUuid: r, userUuid: u }));
  const available = (users.data ?? [])
    .filter((u) => !items.some((i) => i.roleUuid === roleUuid && i.userUuid === u.uuid))
    .map((u) => ({ uuid: u.uuid, name: `${u.name} (${u.email})` }));
  return (
    <LinkList
      id={id}
      title={title}
      items={items}
      render={(r) => (
        <>
          <strong>{r.role}</strong>: {r.user}
        </>
      )}
      removeLabel={(r) => t('contracts.roles.remove', { role: r.role, user: r.user })}
      onRemove={(r) => write(pairs.filter((p) => !(p.roleUuid === r.roleUuid && p.userUuid === r.userUuid)))}
      canEdit={canEdit}
      error={error}
      reload={reload}
      busy={busy}
      adder={
        <Adder
          name={`${id}.userUuid`}
          label={t('contracts.roles.user')}
          options={roleUuid ? available : []}
          busy={busy}
          error={fieldError(error, 'roles')}
          onAdd={(userUuid) => write([...pairs, { roleUuid, userUuid }])}
          heading={<h3>{t('contracts.roles.assign')}</h3>}
        >
          <OptionSelect
            name={`${id}.roleUuid`}
            label={t('contracts.roles.role')}
            value={roleUuid}
            options={roleTypes}
            noneLabel={t('contracts.choose')}
            onChange={setRoleUuid}
          />
        </Adder>
      }
    />
  );
}

/** Kontraktroller. */
export function ContractRoles({ contract, etag, reload, canEdit }: SectionProps) {
  const { t } = useTranslation();
  const organizationUuid = useSignedIn().current.organization.uuid;
  const roleTypes = useContractOptions('/api/v2/it-contract-role-types', organizationUuid);
  const patch = useContractPatch(contract.uuid, etag);
  return (
    <RoleAssignments
      id="roles"
      title={t('contracts.sections.roles')}
      roles={contract.roles}
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
