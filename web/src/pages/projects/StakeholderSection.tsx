import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/FormFields';
import { fieldError } from '../../components/ProblemAlert';
import { useProjectWrite, type Project } from './data';
import { EditRow, PartActions, useEditing } from './PartActions';
import { ProjectForm, textOrNull } from './ProjectForm';

type Level = NonNullable<Schemas['ProjectStakeholderResponse']['interest']>;
const LEVELS: readonly Level[] = ['Low', 'Medium', 'High'];
type Stakeholder = Project['stakeholders'][number];

/** Stakeholders and the communication plan [Interessenter]: who, their interest and influence, what to tell them, when and how. */
export function StakeholderSection({ project, canEdit, reload }: { project: Project; canEdit: boolean; reload: () => void }) {
  const { t } = useTranslation();
  const level = (value: Level | null) => (value ? t(`projects.stakeholders.levels.${value}`) : '');
  const { editing, toggle, close } = useEditing();
  const remove = (partUuid: string) => (ifMatch: string) =>
    unwrap(
      api.DELETE('/api/v2/it-projects/{uuid}/stakeholders/{partUuid}', {
        params: { path: { uuid: project.uuid, partUuid }, header: { 'If-Match': ifMatch } },
      }),
    );
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
                {canEdit && <td />}
              </tr>
            </thead>
            <tbody>
              {project.stakeholders.map((s) => (
                <Fragment key={s.uuid}>
                  <tr>
                    <th scope="row">{s.name}</th>
                    <td>{s.role ?? ''}</td>
                    <td>{level(s.interest)}</td>
                    <td>{level(s.influence)}</td>
                    <td>{s.communication.what ?? ''}</td>
                    <td>{s.communication.when ?? ''}</td>
                    <td>{s.communication.medium ?? ''}</td>
                    <td>{s.communication.responsibleUser?.name ?? ''}</td>
                    {canEdit && (
                      <td>
                        <PartActions
                          projectUuid={project.uuid}
                          name={s.name}
                          editing={editing === s.uuid}
                          onEdit={() => toggle(s.uuid)}
                          remove={remove(s.uuid)}
                          reload={reload}
                        />
                      </td>
                    )}
                  </tr>
                  {canEdit && editing === s.uuid && (
                    <EditRow columns={9}>
                      <StakeholderForm project={project} reload={reload} stakeholder={s} onDone={close} />
                    </EditRow>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit && <StakeholderForm project={project} reload={reload} />}
    </>
  );
}

/** Adds a stakeholder, or (given `stakeholder`) changes it with PUT (the communication's responsible is sent as read). */
function StakeholderForm({
  project,
  reload,
  stakeholder,
  onDone,
}: {
  project: Project;
  reload: () => void;
  stakeholder?: Stakeholder;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const empty = { name: '', role: '', interest: '', influence: '', what: '', when: '', medium: '' };
  const [form, setForm] = useState(
    stakeholder
      ? {
          name: stakeholder.name,
          role: stakeholder.role ?? '',
          interest: stakeholder.interest ?? '',
          influence: stakeholder.influence ?? '',
          what: stakeholder.communication.what ?? '',
          when: stakeholder.communication.when ?? '',
          medium: stakeholder.communication.medium ?? '',
        }
      : empty,
  );
  const prefix = stakeholder ? `stakeholder.${stakeholder.uuid}` : 'stakeholder';
  const add = useProjectWrite(project.uuid, (ifMatch, body: Schemas['ProjectStakeholderWrite']) => {
    const header = { 'If-Match': ifMatch };
    return stakeholder
      ? unwrap(
          api.PUT('/api/v2/it-projects/{uuid}/stakeholders/{partUuid}', {
            params: { path: { uuid: project.uuid, partUuid: stakeholder.uuid }, header },
            body,
          }),
        )
      : unwrap(api.POST('/api/v2/it-projects/{uuid}/stakeholders', { params: { path: { uuid: project.uuid }, header }, body }));
  });
  const submit = () =>
    add.mutate(
      {
        name: form.name.trim(),
        role: textOrNull(form.role),
        interest: (form.interest || null) as Level | null,
        influence: (form.influence || null) as Level | null,
        communication: {
          what: textOrNull(form.what),
          when: textOrNull(form.when),
          medium: textOrNull(form.medium),
          ...(stakeholder && { responsibleUserUuid: stakeholder.communication.responsibleUser?.uuid ?? null }),
        },
      },
      {
        onSuccess: () => {
          setForm(empty);
          onDone?.();
        },
      },
    );
  const text = (key: 'name' | 'role' | 'what' | 'when' | 'medium', field: string, required = false) => (
    <Field
      name={`${prefix}.${key}`}
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
      name={`${prefix}.${key}`}
      label={t(`projects.stakeholders.${key}`)}
      placeholder="–"
      options={LEVELS.map((l) => ({ value: l, label: t(`projects.stakeholders.levels.${l}`) }))}
      value={form[key]}
      error={fieldError(add.error, key)}
      onChange={(e) => setForm({ ...form, [key]: e.target.value })}
    />
  );
  return (
    <ProjectForm
      label={stakeholder ? t('projects.parts.editForm', { name: stakeholder.name }) : t('projects.stakeholders.add')}
      submitLabel={stakeholder ? t('projects.save') : undefined}
      added={!stakeholder}
      heading={!stakeholder}
      mutation={add}
      onSubmit={submit}
      reload={reload}
      onCancel={onDone}
    >
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
