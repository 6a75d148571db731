import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import { useSession, useSignedIn } from '../../auth/session';
import { SelectField, TextAreaField } from '../../components/FormFields';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { SavedNotice } from '../../components/SavedNotice';
import { Spinner } from '../../components/Spinner';
import { AdminFrame } from './AdminFrame';

type RoleType = Schemas['LocalRoleTypeResponse'];
type ObjectType = RoleType['objectType'];
const OBJECT_TYPES: readonly ObjectType[] = ['ItSystemUsage', 'ItContract', 'DataProcessingRegistration', 'OrganizationUnit', 'ItProject'];

/**
 * /admin/role-types: the role catalogue [rollekatalog] with descriptions in the user's language; local administrators
 * switch a role on or off for their organisation, global administrators edit the shared descriptions.
 */
export function RoleTypesPage() {
  const { t } = useTranslation();
  return (
    <AdminFrame title={t('admin.roleTypes.title')}>
      <RoleCatalogue />
    </AdminFrame>
  );
}

function RoleCatalogue() {
  const { t, i18n } = useTranslation();
  const organizationUuid = useSignedIn().current.organization.uuid;
  const { isGlobalAdmin } = useSession();
  const queries = useQueryClient();
  const [objectType, setObjectType] = useState<ObjectType | ''>('');
  const [editingUuid, setEditingUuid] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const key = ['admin', 'role-types', organizationUuid];
  const roles = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET('/api/v2/organizations/{organizationUuid}/role-types', { params: { path: { organizationUuid } } })),
  });
  const toggle = useMutation({
    mutationFn: (role: RoleType) =>
      unwrap(
        api.PATCH('/api/v2/organizations/{organizationUuid}/role-types/{uuid}', {
          params: { path: { organizationUuid, uuid: role.uuid }, header: { 'If-Match': `"${role.version}"` } },
          body: { isLocallyEnabled: !role.isLocallyEnabled },
        }),
      ),
    onSuccess: async (next) => {
      setNotice(t(next.isLocallyEnabled ? 'admin.roleTypes.switchedOn' : 'admin.roleTypes.switchedOff', { name: next.name }));
      await queries.invalidateQueries({ queryKey: key });
    },
  });
  // after a 412: read the roles as someone else left them (an open description form starts over from the newest)
  const reload = () => {
    toggle.reset();
    void roles.refetch();
  };
  const describe = (role: RoleType) => (i18n.language === 'en' ? (role.descriptionEn ?? role.description) : role.description);

  if (roles.isPending) return <Spinner />;
  if (roles.error) return <ProblemAlert error={roles.error} />;
  const shown = roles.data.filter((r) => !objectType || r.objectType === objectType);
  const editing = roles.data.find((r) => r.uuid === editingUuid);
  return (
    <>
      <p>{t('admin.roleTypes.intro')}</p>
      {!isGlobalAdmin && <p>{t('admin.roleTypes.localNote')}</p>}
      <div aria-live="polite">
        <SavedNotice show={!!notice} message={notice ?? ''} />
      </div>
      <ProblemAlert error={toggle.error} onReload={reload} />
      <SelectField
        name="objectType"
        label={t('admin.roleTypes.objectType')}
        placeholder={t('admin.roleTypes.all')}
        options={OBJECT_TYPES.map((o) => ({ value: o, label: t(`admin.objectTypes.${o}`) }))}
        value={objectType}
        onChange={(e) => setObjectType(e.target.value as ObjectType | '')}
      />
      {editing && (
        <DescriptionForm
          key={`${editing.uuid}:${editing.version}`}
          role={editing}
          onReload={reload}
          onDone={(name) => {
            setEditingUuid(undefined);
            if (name) setNotice(t('admin.roleTypes.saved', { name }));
            void queries.invalidateQueries({ queryKey: key });
          }}
        />
      )}
      <table className="table table--zebra">
        <thead>
          <tr>
            <th scope="col">{t('admin.roleTypes.name')}</th>
            <th scope="col">{t('admin.roleTypes.objectType')}</th>
            <th scope="col">{t('admin.roleTypes.description')}</th>
            <th scope="col">{t('admin.roleTypes.access')}</th>
            <th scope="col">{t('admin.roleTypes.locallyEnabled')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((role) => (
            <tr key={role.uuid}>
              <th scope="row">{role.name}</th>
              <td>{t(`admin.objectTypes.${role.objectType}`)}</td>
              <td>
                {describe(role) ?? <em>{t('admin.roleTypes.none')}</em>}
                {isGlobalAdmin && (
                  <div>
                    <button
                      type="button"
                      className="button button-tertiary"
                      aria-label={t('admin.roleTypes.editFor', { name: role.name })}
                      onClick={() => setEditingUuid(role.uuid)}
                    >
                      {t('admin.roleTypes.edit')}
                    </button>
                  </div>
                )}
              </td>
              <td>
                {[role.hasReadAccess && t('admin.roleTypes.read'), role.hasWriteAccess && t('admin.roleTypes.write')]
                  .filter(Boolean)
                  .join(', ')}
              </td>
              <td>
                {!role.isEnabled ? (
                  t('admin.roleTypes.globallyDisabled')
                ) : (
                  <div className="action-bar">
                    <span className={`badge ${role.isLocallyEnabled ? 'badge-success' : 'badge-warning'}`}>
                      {role.isLocallyEnabled ? t('admin.roleTypes.on') : t('admin.roleTypes.off')}
                    </span>
                    <button
                      type="button"
                      className="button button-secondary"
                      disabled={toggle.isPending}
                      onClick={() => toggle.mutate(role)}
                    >
                      {t(role.isLocallyEnabled ? 'admin.roleTypes.disable' : 'admin.roleTypes.enable', { name: role.name })}
                    </button>
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Global administrators: the shared description in Danish and English (PATCH /role-types/{uuid}). */
function DescriptionForm({
  role,
  onDone,
  onReload,
}: {
  role: RoleType;
  onDone: (savedName?: string) => void;
  /** After a 412: read the role again; the form then starts over from the newest description. */
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ description: role.description ?? '', descriptionEn: role.descriptionEn ?? '' });
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/v2/role-types/{uuid}', {
          params: { path: { uuid: role.uuid }, header: { 'If-Match': `"${role.version}"` } },
          body: { description: form.description.trim() || null, descriptionEn: form.descriptionEn.trim() || null },
        }),
      ),
    onSuccess: (next) => onDone(next.name),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="role-description-heading" aria-busy={save.isPending} className="unit-action">
      <h2 id="role-description-heading">{t('admin.roleTypes.editFor', { name: role.name })}</h2>
      <ProblemAlert
        error={save.error}
        onReload={() => {
          save.reset();
          onReload();
        }}
      />
      <TextAreaField
        name="description"
        label={t('admin.roleTypes.descriptionDa')}
        maxLength={2000}
        value={form.description}
        error={fieldError(save.error, 'description')}
        onChange={(e) => setForm({ ...form, description: e.target.value })}
      />
      <TextAreaField
        name="descriptionEn"
        label={t('admin.roleTypes.descriptionEn')}
        maxLength={2000}
        value={form.descriptionEn}
        error={fieldError(save.error, 'descriptionEn')}
        onChange={(e) => setForm({ ...form, descriptionEn: e.target.value })}
      />
      <div className="action-bar">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
        <button type="button" className="button button-tertiary" onClick={() => onDone()}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
