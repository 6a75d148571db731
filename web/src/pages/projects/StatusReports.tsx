import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { Field } from '../../components/Field';
import { SelectField, TextAreaField } from '../../components/FormFields';
import { fieldError } from '../../components/ProblemAlert';
import { formatters } from '../../i18n';
import { useProjectWrite, type Project } from './data';
import { ProjectForm, textOrNull } from './ProjectForm';

type Status = Schemas['TrafficLightResponse']['status'];
const STATUSES: readonly Status[] = ['Green', 'Yellow', 'Red', 'White'];
const ASPECTS = ['overall', 'time', 'cost', 'quality', 'resources'] as const;
type Aspect = (typeof ASPECTS)[number];

/** A traffic light as a coloured mark and its word (never colour alone). */
export function TrafficLight({ status, comment }: { status: Status; comment?: string | null }) {
  const { t } = useTranslation();
  return (
    <span className="project-traffic">
      <span className={`project-traffic__dot project-traffic__dot--${status.toLowerCase()}`} aria-hidden="true" />
      {t(`projects.traffic.${status}`)}
      {comment ? <span className="project-traffic__comment">: {comment}</span> : null}
    </span>
  );
}

/** The status-report history [Statusrapporter], newest first, and (with write rights) a form to add one. */
export function StatusReports({ project, canEdit, reload }: { project: Project; canEdit: boolean; reload: () => void }) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const reports = useStatusReports(project.uuid, project.version);
  const history = [...(reports.data ?? [])].sort((a, b) => b.date.localeCompare(a.date) || b.created.localeCompare(a.created));
  return (
    <>
      {project.latestStatusReport && (
        <p>
          {t('projects.statusReports.latest')}: <TrafficLight status={project.latestStatusReport.overall.status} /> (
          {format.date(project.latestStatusReport.date)})
        </p>
      )}
      <h3>{t('projects.statusReports.history')}</h3>
      {history.length === 0 ? (
        <p>{t('projects.none')}</p>
      ) : (
        <div className="table--responsive-scroll">
          <table className="table table--compact table--zebra" data-testid="status-reports">
            <caption className="sr-only">{t('projects.statusReports.history')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('projects.fields.date')}</th>
                {ASPECTS.map((a) => (
                  <th scope="col" key={a}>
                    {t(`projects.trafficAspects.${a}`)}
                  </th>
                ))}
                <th scope="col">{t('projects.fields.comment')}</th>
                <th scope="col">{t('projects.fields.createdBy')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((r) => (
                <tr key={r.uuid}>
                  <th scope="row">{format.date(r.date)}</th>
                  {ASPECTS.map((a) => (
                    <td key={a}>
                      <TrafficLight status={r[a].status} comment={r[a].comment} />
                    </td>
                  ))}
                  <td>{r.comment ?? ''}</td>
                  <td>
                    {r.createdBy?.name ?? ''} {format.dateTime(r.created)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit && <AddStatusReport project={project} reload={reload} />}
    </>
  );
}

/** The history, read again whenever the project's version moves (a new report is a new version). */
function useStatusReports(uuid: string, version: number) {
  return useQuery({
    queryKey: ['it-project', uuid, 'status-reports', version],
    queryFn: () => unwrap(api.GET('/api/v2/it-projects/{uuid}/status-reports', { params: { path: { uuid } } })),
  });
}

function AddStatusReport({ project, reload }: { project: Project; reload: () => void }) {
  const { t } = useTranslation();
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [lights, setLights] = useState<Record<Aspect, Status>>({
    overall: 'Green',
    time: 'Green',
    cost: 'Green',
    quality: 'Green',
    resources: 'Green',
  });
  const [comment, setComment] = useState('');
  const add = useProjectWrite(project.uuid, (ifMatch, body: Schemas['ProjectStatusReportWrite']) =>
    unwrap(
      api.POST('/api/v2/it-projects/{uuid}/status-reports', {
        params: { path: { uuid: project.uuid }, header: { 'If-Match': ifMatch } },
        body,
      }),
    ),
  );
  const submit = () =>
    add.mutate(
      {
        date,
        overall: { status: lights.overall },
        time: { status: lights.time },
        cost: { status: lights.cost },
        quality: { status: lights.quality },
        resources: { status: lights.resources },
        comment: textOrNull(comment),
      },
      { onSuccess: () => setComment('') },
    );
  return (
    <ProjectForm label={t('projects.statusReports.add')} mutation={add} onSubmit={submit} reload={reload}>
      <p>{t('projects.statusReports.help')}</p>
      <div className="project-form-grid">
        <Field
          name="date"
          type="date"
          required
          label={t('projects.fields.date')}
          value={date}
          error={fieldError(add.error, 'date')}
          onChange={(e) => setDate(e.target.value)}
        />
        {ASPECTS.map((a) => (
          <SelectField
            key={a}
            name={`${a}.status`}
            label={t(`projects.trafficAspects.${a}`)}
            options={STATUSES.map((s) => ({ value: s, label: t(`projects.traffic.${s}`) }))}
            value={lights[a]}
            error={fieldError(add.error, `${a}.status`)}
            onChange={(e) => setLights({ ...lights, [a]: e.target.value as Status })}
          />
        ))}
      </div>
      <TextAreaField
        name="comment"
        label={t('projects.fields.comment')}
        maxLength={4000}
        value={comment}
        error={fieldError(add.error, 'comment')}
        onChange={(e) => setComment(e.target.value)}
      />
    </ProjectForm>
  );
}
