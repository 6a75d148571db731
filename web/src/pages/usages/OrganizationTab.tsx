import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import { CheckboxGroup, SelectField } from '../../components/FormFields';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { SavedNotice } from '../../components/SavedNotice';
import { Spinner } from '../../components/Spinner';
import type { UsageSectionProps } from './section-props';

type OrganizationUsageWrite = Schemas['UsageOrganizationUsageWrite'];

/**
 * The units that use the system [Relevante organisationsenheder] and the responsible one, chosen from the
 * organisation's unit tree; the responsible unit must be one of the using units (as the server checks).
 */
export function OrganizationTab({ usage, canEdit, saving, saved, error, onSave, onReload }: UsageSectionProps<OrganizationUsageWrite>) {
  const { t } = useTranslation();
  const organizationUuid = usage.organizationContext.uuid;
  const units = useQuery({
    queryKey: ['organization-units', organizationUuid],
    queryFn: () =>
      unwrap(api.GET('/api/v2/organizations/{organizationUuid}/organization-units', { params: { path: { organizationUuid } } })),
  });
  const [using, setUsing] = useState(() => usage.organizationUsage.usingOrganizationUnits.map((u) => u.uuid));
  const [responsible, setResponsible] = useState(usage.organizationUsage.responsibleOrganizationUnit?.uuid ?? '');
  const err = (field: string) => fieldError(error, `organizationUsage.${field}`) ?? fieldError(error, field);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave({ usingOrganizationUnitUuids: using, responsibleOrganizationUnitUuid: responsible || null });
  };
  if (units.isPending) return <Spinner />;
  if (!units.data) return <ProblemAlert error={units.error} />;
  const options = units.data.map((u) => ({ value: u.uuid, label: u.name }));

  return (
    <form onSubmit={submit} noValidate aria-label={t('usages.page.organization')}>
      <ProblemAlert error={error} onReload={onReload} />
      <SavedNotice show={saved && !error} message={t('usages.page.saved')} />
      {!canEdit && <p>{t('usages.page.readOnly')}</p>}
      <CheckboxGroup
        name="usingOrganizationUnitUuids"
        legend={t('usages.organization.using')}
        options={options}
        value={using}
        disabled={!canEdit}
        onChange={(next) => {
          setUsing(next);
          if (!next.includes(responsible)) setResponsible('');
        }}
        error={err('usingOrganizationUnitUuids')}
      />
      <SelectField
        name="responsibleOrganizationUnitUuid"
        label={t('usages.organization.responsible')}
        placeholder={t('usages.general.choose')}
        options={options.filter((o) => using.includes(o.value))}
        value={responsible}
        disabled={!canEdit}
        onChange={(e) => setResponsible(e.target.value)}
        error={err('responsibleOrganizationUnitUuid')}
      />
      {canEdit && (
        <button type="submit" className="button button-primary" disabled={saving}>
          {t('common.save')}
        </button>
      )}
    </form>
  );
}
