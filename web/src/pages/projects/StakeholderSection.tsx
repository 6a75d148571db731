import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/FormFields';
import { fieldError } from '../../components/ProblemAlert';
import { useProjectWrite, type Project } from './data';
import { ProjectForm, textOrNull } from './ProjectForm';

type Level = NonNullable<Schemas['ProjectStakeholderResponse']['interest']>;
const LEVELS: readonly Level[] = ['Low', 'Medium', 'High'];

/** Stakeholders and the communication plan [Interessenter]: who, their interest and influence, what to tell them, when and how. */
export function StakeholderSection({ project, canEdit, reload }: { project: Project; canEdit: boolean; reload: () => void }) {
  const { t } = useTranslation();
  const level = (value: Level | null) => (value ? t(`projects.stakeholders.levels.${value}`) : '');
  return (
    <>
      {project.stakeholders.length === 0 ? (
        <p>{t('projects.none')}</p>
      ) : (
        <div className="table--responsive-scroll">
          <table className="table table--compact table--zebra">
            <caption className="sr-only">{t('projects.sections.stakeholders')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('projects.stakeholders.name')}</th>
                <th scope="col">{t('projects.stakeholders.role')}</th>
                <th scope="col">{t('projects.stakeholders.interest')}</th>
                <th scope="col">{t('projects.stakeholders.influence')}</th>
                <th scope="col">{t('projects.stakeholders.what')}</th>
                <th scope="col">{t('projects.stakeholders.when')}</th>
                <th scope="col">{t('projects.stakeholders.medium')}</th>
                <th scope="col">{t('projects.fields.responsible')}</th>
              </tr>
            </thead>
            <tbody>
              {project.stakeholders.map((s) => (
                <tr key={s.uuid}>
                  <th scope="row">{s.name}</th>
                  <td>{s.role ?? ''}</td>
                  <td>{level(s.interest)}</td>
                  <td>{level(s.influence)}</td>
                  <td>{s.communication.what ?? ''}</td>
                  <td>{s.communication.when ?? ''}</td>
                  <td>{s.communication.medium ?? ''}</td>
                  <td>{s.communication.responsibleUser?.name ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit && <AddStakeholder project={project} reload={reload} />}
    </>
  );
}

function AddStakeholder({ project, reload }: { project: Project; reload: () => void }) {
  const { t } = useTranslation();
  const empty = { name: '', role: '', interest: '', influence: '', what: '', when: '', medium: '' };
  const [form, setForm] = useState(empty);
  const add = useProjectWrite(project.uuid, (ifMatch, body: Schemas['ProjectStakeholderWrite']) =>
    unwrap(
      api.POST('/api/v2/it-projects/{uuid}/stakeholders', {
        params: { path: { uuid: project.uuid }, header: { 'If-Match': ifMatch } },
        body,
      }),
    ),
  );
  const submit = () =>
    add.mutate(
      {
        name: form.name.trim(),
        role: textOrNull(form.role),
        interest: (form.interest || null) as Level | null,
        influence: (form.influence || null) as Level | null,
        communication: { what: textOrNull(form.what), when: textOrNull(form.when), medium: textOrNull(form.medium) },
      },
      { onSuccess: () => setForm(empty) },
    );
  const text = (key: 'name' | 'role' | 'what' | 'when' | 'medium', field: string, required = false) => (
    <Field
      name={`stakeholder.${key}`}
      label={t(`projects.stakeholders.${key}`)}
      required={required}
      maxLength={200}
      value={form[key]}
      error={fieldError(add.error, field)}
      onChange={(e) => setForm({ ...form, [key]: e.target.value })}
    />
  );
  const levelSelect = (key: 'interest' | 'influence') => (
    <SelectField
      name={`stakeholder.${key}`}
      label={t(`projects.stakeholders.${key}`)}
      placeholder="–"
      options={LEVELS.map((l) => ({ value: l, label: t(`projects.stakeholders.levels.${l}`) }))}
      value={form[key]}
      error={fieldError(add.error, key)}
      onChange={(e) => setForm({ ...form, [key]: e.target.value })}
    />
  );
  return (
    <ProjectForm label={t('projects.stakeholders.add')} mutation={add} onSubmit={submit} reload={reload}>
      <div className="project-form-grid">
        {text('name', 'name', true)}
        {text('role', 'role')}
        {levelSelect('interest')}
        {levelSelect('influence')}
        {text('what', 'communication.what')}
        {text('when', 'communication.when')}
        {text('medium', 'communication.medium')}
      </div>
    </ProjectForm>
  );
}
