import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useSignedIn } from '../../auth/session';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/FormFields';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { SavedNotice } from '../../components/SavedNotice';
import { Spinner } from '../../components/Spinner';
import { AdminFrame } from './AdminFrame';
import { unitsKey, useUnits } from './data';
import { UnitImport } from './UnitImport';
import { UnitRoles } from './UnitRoles';
import { UnitTree } from './UnitTree';
import { buildTree, flatten, type Unit } from './unit-tree';

/** /admin/units: the organisation's unit tree, editable; creating and importing units; the roles on one unit. */
export function UnitsPage() {
  const { t } = useTranslation();
  return (
    <AdminFrame title={t('admin.units.title')}>
      <UnitsAdministration />
    </AdminFrame>
  );
}

function UnitsAdministration() {
  const { t } = useTranslation();
  const organizationUuid = useSignedIn().current.organization.uuid;
  const queries = useQueryClient();
  const units = useUnits(organizationUuid);
  const [notice, setNotice] = useState<string>();
  const [selected, setSelected] = useState<Unit>();
  const refresh = () => queries.invalidateQueries({ queryKey: unitsKey(organizationUuid) });
  // If-Match: the unit tree's version as the list read it (every unit carries it)
  const path = (unit: Unit) => ({ path: { organizationUuid, uuid: unit.uuid }, header: { 'If-Match': `"${unit.version}"` } });

  const patch = async (unit: Unit, body: { name?: string; parentUuid?: string }) => {
    const changed = await unwrap(
      api.PATCH('/api/v2/organizations/{organizationUuid}/organization-units/{uuid}', { params: path(unit), body }),
    );
    await refresh();
    return changed;
  };

  if (units.isPending) return <Spinner />;
  if (units.error) return <ProblemAlert error={units.error} />;
  const list = units.data;
  return (
    <div className="admin-columns">
      <section aria-labelledby="units-tree-heading">
        <h2 id="units-tree-heading">{t('admin.units.tree')}</h2>
        <div aria-live="polite">
          <SavedNotice show={!!notice} message={notice ?? ''} />
        </div>
        <UnitTree
          units={list}
          selectedUuid={selected?.uuid}
          onShowRoles={setSelected}
          onReload={() => void refresh()}
          onRename={async (unit, name) => {
            const changed = await patch(unit, { name });
            setNotice(t('admin.units.renamed', { name: changed.name }));
          }}
          onMove={async (unit, parentUuid) => {
            const changed = await patch(unit, { parentUuid });
            setNotice(t('admin.units.moved', { name: changed.name, parent: changed.parentOrganizationUnit?.name }));
          }}
          onDelete={async (unit) => {
            await unwrap(api.DELETE('/api/v2/organizations/{organizationUuid}/organization-units/{uuid}', { params: path(unit) }));
            if (selected?.uuid === unit.uuid) setSelected(undefined);
            await refresh();
            setNotice(t('admin.units.deleted', { name: unit.name }));
          }}
        />
        <CreateUnit units={list} onCreated={(name) => setNotice(t('admin.units.created', { name }))} />
        <UnitImport />
      </section>
      <section aria-labelledby="unit-roles-heading">
        {selected ? (
          <UnitRoles unit={selected} />
        ) : (
          <>
            <h2 id="unit-roles-heading">{t('admin.units.showRoles')}</h2>
            <p>{t('admin.units.pickUnit')}</p>
          </>
        )}
      </section>
    </div>
  );
}

function CreateUnit({ units, onCreated }: { units: readonly Unit[]; onCreated: (name: string) => void }) {
  const { t } = useTranslation();
  const organizationUuid = useSignedIn().current.organization.uuid;
  const queries = useQueryClient();
  const root = units.find((u) => !u.parentOrganizationUnit);
  const [form, setForm] = useState({ name: '', parentUuid: root?.uuid ?? '', unitId: '', ean: '' });
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v2/organizations/{organizationUuid}/organization-units', {
          params: { path: { organizationUuid } },
          body: {
            name: form.name.trim(),
            parentUuid: form.parentUuid,
            unitId: form.unitId.trim() || null,
            ean: form.ean.trim() ? Number(form.ean.trim()) : null,
          },
        }),
      ),
    onSuccess: async (unit) => {
      setForm({ ...form, name: '', unitId: '', ean: '' });
      await queries.invalidateQueries({ queryKey: unitsKey(organizationUuid) });
      onCreated(unit.name);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="create-unit-heading" aria-busy={create.isPending}>
      <h2 id="create-unit-heading">{t('admin.units.create')}</h2>
      <ProblemAlert error={create.error} />
      <Field
        name="name"
        label={t('admin.units.name')}
        value={form.name}
        maxLength={100}
        required
        error={fieldError(create.error, 'name')}
        onChange={(e) => setForm({ ...form, name: e.target.value })}
      />
      <SelectField
        name="parentUuid"
        label={t('admin.units.parent')}
        options={flatten(buildTree(units)).map((node) => ({ value: node.unit.uuid, label: `${'– '.repeat(node.depth)}${node.unit.name}` }))}
        value={form.parentUuid}
        error={fieldError(create.error, 'parentUuid')}
        onChange={(e) => setForm({ ...form, parentUuid: e.target.value })}
      />
      <Field
        name="unitId"
        label={t('admin.units.unitId')}
        value={form.unitId}
        maxLength={100}
        error={fieldError(create.error, 'unitId')}
        onChange={(e) => setForm({ ...form, unitId: e.target.value })}
      />
      <Field
        name="ean"
        label={t('admin.units.ean')}
        value={form.ean}
        inputMode="numeric"
        error={fieldError(create.error, 'ean')}
        onChange={(e) => setForm({ ...form, ean: e.target.value })}
      />
      <button type="submit" className="button button-primary" disabled={create.isPending || !form.name.trim()}>
        {t('admin.units.create')}
      </button>
    </form>
  );
}
