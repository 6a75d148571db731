import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/FormFields';
import { fieldError } from '../../components/ProblemAlert';
import { formatters } from '../../i18n';
import { PHASES, useProjectWrite, type Phase, type Project } from './data';
import { ProjectForm } from './ProjectForm';

type WorkStatus = Schemas['ProjectMilestoneResponse']['status'];
const WORK_STATUSES: readonly WorkStatus[] = ['NotStarted', 'InProgress', 'Done', 'Blocked'];
type Kind = 'milestones' | 'tasks';

/** Milestones [Milepæle] or tasks [Opgaver]: name, date (due date), status, phase (by the organisation's name), responsible. */
export function WorkItems({ kind, project, canEdit, reload }: { kind: Kind; project: Project; canEdit: boolean; reload: () => void }) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const phaseNameOf = (phase: Phase | null) => (phase ? (project.phases.phases.find((p) => p.phase === phase)?.name ?? phase) : '');
  const items =
    kind === 'milestones'
      ? project.milestones.map((m) => ({ ...m, when: m.date }))
      : project.tasks.map((task) => ({ ...task, when: task.dueDate }));
  const sorted = [...items].sort((a, b) => (a.when ?? '9999').localeCompare(b.when ?? '9999'));
  const dateLabel = kind === 'milestones' ? t('projects.fields.date') : t('projects.fields.dueDate');
  return (
    <>
      {sorted.length === 0 ? (
        <p>{t('projects.none')}</p>
      ) : (
        <div className="table--responsive-scroll">
          <table className="table table--compact table--zebra" data-testid={kind}>
            <caption className="sr-only">{t(`projects.sections.${kind}`)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('projects.fields.name')}</th>
                <th scope="col">{dateLabel}</th>
                <th scope="col">{t('projects.fields.status')}</th>
                <th scope="col">{t('projects.fields.phase')}</th>
                <th scope="col">{t('projects.fields.responsible')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((item) => (
                <tr key={item.uuid}>
                  <th scope="row">{item.name}</th>
                  <td>{item.when ? <time dateTime={item.when}>{format.date(item.when)}</time> : ''}</td>
                  <td>{t(`projects.workStatus.${item.status}`)}</td>
                  <td>{phaseNameOf(item.phase)}</td>
                  <td>{item.responsibleUser?.name ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit && <AddWorkItem kind={kind} project={project} reload={reload} dateLabel={dateLabel} />}
    </>
  );
}

function AddWorkItem({ kind, project, reload, dateLabel }: { kind: Kind; project: Project; reload: () => void; dateLabel: string }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [date, setDate] = useState('');
  const [status, setStatus] = useState<WorkStatus>('NotStarted');
  const [phase, setPhase] = useState<Phase | ''>(project.phases.currentPhase ?? '');
  const dateField = kind === 'milestones' ? 'date' : 'dueDate';
  const add = useProjectWrite(project.uuid, (ifMatch, body: Schemas['ProjectMilestoneWrite'] & Schemas['ProjectTaskWrite']) => {
    const params = { path: { uuid: project.uuid }, header: { 'If-Match': ifMatch } };
    return kind === 'milestones'
      ? unwrap(api.POST('/api/v2/it-projects/{uuid}/milestones', { params, body }))
      : unwrap(api.POST('/api/v2/it-projects/{uuid}/tasks', { params, body }));
  });
  const submit = () =>
    add.mutate(
      { name: name.trim(), [dateField]: date || null, status, phase: phase || null },
      {
        onSuccess: () => {
          setName('');
          setDate('');
        },
      },
    );
  return (
    <ProjectForm label={t(`projects.addItem.${kind}`)} mutation={add} onSubmit={submit} reload={reload}>
      <div className="project-form-grid">
        <Field
          name={`${kind}.name`}
          label={t('projects.fields.name')}
          required
          maxLength={200}
          value={name}
          error={fieldError(add.error, 'name')}
          onChange={(e) => setName(e.target.value)}
        />
        <Field
          name={`${kind}.${dateField}`}
          type="date"
          label={dateLabel}
          value={date}
          error={fieldError(add.error, dateField)}
          onChange={(e) => setDate(e.target.value)}
        />
        <SelectField
          name={`${kind}.status`}
          label={t('projects.fields.status')}
          options={WORK_STATUSES.map((s) => ({ value: s, label: t(`projects.workStatus.${s}`) }))}
          value={status}
          error={fieldError(add.error, 'status')}
          onChange={(e) => setStatus(e.target.value as WorkStatus)}
        />
        <SelectField
          name={`${kind}.phase`}
          label={t('projects.fields.phase')}
          placeholder={t('projects.fields.noPhase')}
          options={PHASES.map((p) => ({ value: p, label: project.phases.phases.find((x) => x.phase === p)?.name ?? p }))}
          value={phase}
          error={fieldError(add.error, 'phase')}
          onChange={(e) => setPhase(e.target.value as Phase | '')}
        />
      </div>
    </ProjectForm>
  );
}
