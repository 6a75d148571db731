import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/FormFields';
import { fieldError } from '../../components/ProblemAlert';
import { formatters } from '../../i18n';
import { PHASES, useProjectWrite, type Phase, type Project } from './data';
import { EditRow, PartActions, useEditing } from './PartActions';
import { ProjectForm } from './ProjectForm';

type WorkStatus = Schemas['ProjectMilestoneResponse']['status'];
const WORK_STATUSES: readonly WorkStatus[] = ['NotStarted', 'InProgress', 'Done', 'Blocked'];
type Kind = 'milestones' | 'tasks';
type Item = Project['milestones'][number] | Project['tasks'][number];

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
  const { editing, toggle, close } = useEditing();
  const remove = (partUuid: string) => (ifMatch: string) => {
    const params = { path: { uuid: project.uuid, partUuid }, header: { 'If-Match': ifMatch } };
    return kind === 'milestones'
      ? unwrap(api.DELETE('/api/v2/it-projects/{uuid}/milestones/{partUuid}', { params }))
      : unwrap(api.DELETE('/api/v2/it-projects/{uuid}/tasks/{partUuid}', { params }));
  };
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
                <th scope="col">{t(`projects.fields.itemName.${kind}`)}</th>
                <th scope="col">{dateLabel}</th>
                <th scope="col">{t('projects.fields.status')}</th>
                <th scope="col">{t('projects.fields.phase')}</th>
                <th scope="col">{t('projects.fields.responsible')}</th>
                {canEdit && <td />}
              </tr>
            </thead>
            <tbody>
              {sorted.map((item) => (
                <Fragment key={item.uuid}>
                  <tr>
                    <th scope="row">{item.name}</th>
                    <td>{item.when ? <time dateTime={item.when}>{format.date(item.when)}</time> : ''}</td>
                    <td>{t(`projects.workStatus.${item.status}`)}</td>
                    <td>{phaseNameOf(item.phase)}</td>
                    <td>{item.responsibleUser?.name ?? ''}</td>
                    {canEdit && (
                      <td>
                        <PartActions
                          projectUuid={project.uuid}
                          name={item.name}
                          editing={editing === item.uuid}
                          onEdit={() => toggle(item.uuid)}
                          remove={remove(item.uuid)}
                          reload={reload}
                        />
                      </td>
                    )}
                  </tr>
                  {canEdit && editing === item.uuid && (
                    <EditRow columns={6}>
                      <WorkItemForm kind={kind} project={project} reload={reload} dateLabel={dateLabel} item={item} onDone={close} />
                    </EditRow>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit && <WorkItemForm kind={kind} project={project} reload={reload} dateLabel={dateLabel} />}
    </>
  );
}

/**
 * Adds a milestone or task, or (given `item`) changes it with PUT: the whole part is sent, so what the form does not
 * show (responsible, description) is sent as read.
 */
function WorkItemForm({
  kind,
  project,
  reload,
  dateLabel,
  item,
  onDone,
}: {
  kind: Kind;
  project: Project;
  reload: () => void;
  dateLabel: string;
  item?: Item;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const dateField = kind === 'milestones' ? 'date' : 'dueDate';
  const read = item
    ? kind === 'milestones'
      ? (item as Project['milestones'][number]).date
      : (item as Project['tasks'][number]).dueDate
    : null;
  const [name, setName] = useState(item?.name ?? '');
  const [date, setDate] = useState(read ?? '');
  const [status, setStatus] = useState<WorkStatus>(item?.status ?? 'NotStarted');
  const [phase, setPhase] = useState<Phase | ''>(item ? (item.phase ?? '') : (project.phases.currentPhase ?? ''));
  const prefix = item ? `${kind}.${item.uuid}` : kind;
  const add = useProjectWrite(project.uuid, (ifMatch, body: Schemas['ProjectMilestoneWrite'] & Schemas['ProjectTaskWrite']) => {
    const header = { 'If-Match': ifMatch };
    if (item) {
      const params = { path: { uuid: project.uuid, partUuid: item.uuid }, header };
      return kind === 'milestones'
        ? unwrap(api.PUT('/api/v2/it-projects/{uuid}/milestones/{partUuid}', { params, body }))
        : unwrap(api.PUT('/api/v2/it-projects/{uuid}/tasks/{partUuid}', { params, body }));
    }
    const params = { path: { uuid: project.uuid }, header };
    return kind === 'milestones'
      ? unwrap(api.POST('/api/v2/it-projects/{uuid}/milestones', { params, body }))
      : unwrap(api.POST('/api/v2/it-projects/{uuid}/tasks', { params, body }));
  });
  const submit = () =>
    add.mutate(
      {
        name: name.trim(),
        [dateField]: date || null,
        status,
        phase: phase || null,
        ...(item && { responsibleUserUuid: item.responsibleUser?.uuid ?? null, description: item.description ?? null }),
      },
      {
        onSuccess: () => {
          setName('');
          setDate('');
          onDone?.();
        },
      },
    );
  return (
    <ProjectForm
      label={item ? t('projects.parts.editForm', { name: item.name }) : t(`projects.addItem.${kind}`)}
      submitLabel={item ? t('projects.save') : undefined}
      added={!item}
      heading={!item}
      mutation={add}
      onSubmit={submit}
      reload={reload}
      onCancel={onDone}
    >
      <div className="project-form-grid">
        <Field
          name={`${prefix}.name`}
          label={t(`projects.fields.itemName.${kind}`)}
          required
          maxLength={200}
          value={name}
          error={fieldError(add.error, 'name')}
          onChange={(e) => setName(e.target.value)}
        />
        <Field
          name={`${prefix}.${dateField}`}
          type="date"
          label={dateLabel}
          value={date}
          error={fieldError(add.error, dateField)}
          onChange={(e) => setDate(e.target.value)}
        />
        <SelectField
          name={`${prefix}.status`}
          label={t('projects.fields.status')}
          options={WORK_STATUSES.map((s) => ({ value: s, label: t(`projects.workStatus.${s}`) }))}
          value={status}
          error={fieldError(add.error, 'status')}
          onChange={(e) => setStatus(e.target.value as WorkStatus)}
        />
        <SelectField
          name={`${prefix}.phase`}
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
