import { useState } from 'react';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { useSignedIn } from '../../auth/session';
import { Field } from '../../components/Field';
import { HistorySection } from '../../components/HistoryTimeline';
import { SelectField, TextAreaField } from '../../components/FormFields';
import { ObjectLink, objectPaths } from '../../components/ObjectLink';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { Spinner } from '../../components/Spinner';
import { formatters } from '../../i18n';
import { BenefitsSection } from './BenefitsSection';
import { PHASES, useCanCreateProject, useCanEditProject, useProject, useProjectWrite, type Phase, type Project } from './data';
import { EconomySection } from './EconomySection';
import { GeneralFields, type GeneralValues } from './GeneralFields';
import { Facts, ProjectForm, Section, textOrNull } from './ProjectForm';
import { RiskSection } from './RiskSection';
import { PhaseNamesForm } from './PhaseNamesForm';
import { StakeholderSection } from './StakeholderSection';
import { StatusReports } from './StatusReports';
import { WorkItems } from './WorkItems';

const SECTIONS = [
  'general',
  'phases',
  'milestones',
  'tasks',
  'statusReports',
  'risks',
  'economy',
  'stakeholders',
  'benefits',
  'links',
] as const;

/** An IT project's page [IT-projekt]: every section of the API's project, editable by those with write rights. */
export function ProjectPage() {
  const { t } = useTranslation();
  const { uuid } = useParams({ strict: false }) as { uuid: string };
  const project = useProject(uuid);
  const canEdit = useCanEditProject(project.data?.data);
  if (project.isPending) return <Spinner />;
  if (project.error || !project.data) return <ProblemAlert error={project.error} onReload={() => void project.refetch()} />;
  const data = project.data.data;
  const reload = () => void project.refetch();
  const props = { project: data, canEdit, reload };
  return (
    <>
      <p>
        <Link to="/projects">{t('common.back')}</Link>
      </p>
      <h1>{data.name}</h1>
      {data.archived ? (
        <div className="alert alert-info" role="status">
          <div className="alert-body">
            <p className="alert-text">{t('projects.archivedNotice')}</p>
          </div>
        </div>
      ) : (
        !canEdit && <p className="project-read-only">{t('projects.readOnly')}</p>
      )}
      <nav aria-label={t('projects.nav')} className="project-sections-nav">
        <ul>
          {SECTIONS.map((s) => (
            <li key={s}>
              <a href={`#project-${s}`}>{t(`projects.sections.${s}`)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <Section id="project-general" title={t('projects.sections.general')}>
        <General {...props} />
      </Section>
      <Section id="project-phases" title={t('projects.sections.phases')}>
        <Phases {...props} />
      </Section>
      <Section id="project-milestones" title={t('projects.sections.milestones')}>
        <WorkItems kind="milestones" {...props} />
      </Section>
      <Section id="project-tasks" title={t('projects.sections.tasks')}>
        <WorkItems kind="tasks" {...props} />
      </Section>
      <Section id="project-statusReports" title={t('projects.sections.statusReports')}>
        <StatusReports {...props} />
      </Section>
      <Section id="project-risks" title={t('projects.sections.risks')}>
        <RiskSection {...props} />
      </Section>
      <Section id="project-economy" title={t('projects.sections.economy')}>
        <EconomySection {...props} />
      </Section>
      <Section id="project-stakeholders" title={t('projects.sections.stakeholders')}>
        <StakeholderSection {...props} />
      </Section>
      <Section id="project-benefits" title={t('projects.sections.benefits')}>
        <BenefitsSection {...props} />
      </Section>
      <Section id="project-links" title={t('projects.sections.links')}>
        <Links project={data} />
      </Section>
      <HistorySection kind="project" uuid={data.uuid} />
    </>
  );
}

type Props = { project: Project; canEdit: boolean; reload: () => void };

function usePatch(uuid: string) {
  return useProjectWrite(uuid, (ifMatch, body: Schemas['UpdateItProjectRequest']) =>
    unwrap(api.PATCH('/api/v2/it-projects/{uuid}', { params: { path: { uuid }, header: { 'If-Match': ifMatch } }, body })),
  );
}

function General({ project, canEdit, reload }: Props) {
  const { t, i18n } = useTranslation();
  const patch = usePatch(project.uuid);
  const format = formatters(i18n.language);
  const { general } = project;
  const facts: Array<[string, string | null]> = [
    [t('projects.fields.projectType'), general.projectType?.name ?? null],
    [t('projects.fields.responsibleUnit'), general.responsibleOrganizationUnit?.name ?? null],
    [t('projects.fields.parent'), project.parentProject?.name ?? null],
    [t('projects.list.lastModified'), `${format.dateTime(project.lastModified)} ${project.lastModifiedBy?.name ?? ''}`],
  ];
  if (!canEdit)
    return (
      <Facts
        items={[
          [t('projects.fields.name'), project.name],
          [t('projects.fields.projectId'), general.projectId],
          [t('projects.fields.description'), general.description],
          [t('projects.fields.notes'), general.notes],
          ...facts,
        ]}
      />
    );
  return (
    <>
      <GeneralForm project={project} patch={patch} reload={reload} key={project.version} />
      <Facts items={facts} />
    </>
  );
}

type Patch = ReturnType<typeof usePatch>;

/**
 * The form starts from the version read (a new version, e.g. after "Hent nyeste", starts it again); the write lives in
 * the section, so that its "Gemt." outlasts the new start.
 */
function GeneralForm({ project, patch, reload }: { project: Project; patch: Patch; reload: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<GeneralValues>({
    name: project.name,
    projectId: project.general.projectId ?? '',
    description: project.general.description ?? '',
  });
  const [notes, setNotes] = useState(project.general.notes ?? '');
  const submit = () =>
    patch.mutate({
      name: values.name.trim(),
      general: {
        projectId: textOrNull(values.projectId),
        description: textOrNull(values.description),
        notes: textOrNull(notes),
        projectTypeUuid: project.general.projectType?.uuid ?? null,
        responsibleOrganizationUnitUuid: project.general.responsibleOrganizationUnit?.uuid ?? null,
      },
    });
  return (
    <ProjectForm
      label={t('projects.sections.general')}
      mutation={patch}
      onSubmit={submit}
      submitLabel={t('projects.save')}
      added={false}
      heading={false}
      reload={reload}
    >
      <GeneralFields values={values} onChange={setValues} error={patch.error} />
      <TextAreaField
        name="general.notes"
        label={t('projects.fields.notes')}
        maxLength={20000}
        value={notes}
        error={fieldError(patch.error, 'general.notes')}
        onChange={(e) => setNotes(e.target.value)}
      />
    </ProjectForm>
  );
}

/** The five phases by the organisation's names, their dates and which is current; editable with write rights. */
function Phases({ project, canEdit, reload }: Props) {
  const { t, i18n } = useTranslation();
  const patch = usePatch(project.uuid);
  const format = formatters(i18n.language);
  const administrator = useCanCreateProject();
  const { current } = useSignedIn();
  return (
    <>
      <table className="table table--compact table--zebra" data-testid="phases">
        <caption className="sr-only">{t('projects.sections.phases')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('projects.fields.phase')}</th>
            <th scope="col">{t('projects.fields.startDate')}</th>
            <th scope="col">{t('projects.fields.endDate')}</th>
          </tr>
        </thead>
        <tbody>
          {project.phases.phases.map((p) => (
            <tr key={p.phase} className={p.current ? 'project-current-phase' : undefined} aria-current={p.current ? 'step' : undefined}>
              <th scope="row">{p.current ? t('projects.phaseRow', { name: p.name }) : p.name}</th>
              <td>{format.date(p.startDate)}</td>
              <td>{format.date(p.endDate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit && <PhasesForm project={project} patch={patch} reload={reload} key={project.version} />}
      {administrator && <PhaseNamesForm organizationUuid={current.organization.uuid} projectUuid={project.uuid} />}
    </>
  );
}

function PhasesForm({ project, patch, reload }: { project: Project; patch: Patch; reload: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState<Phase | ''>(project.phases.currentPhase ?? '');
  const [dates, setDates] = useState(
    Object.fromEntries(project.phases.phases.map((p) => [p.phase, { start: p.startDate ?? '', end: p.endDate ?? '' }])) as Record<
      Phase,
      { start: string; end: string }
    >,
  );
  const submit = () =>
    patch.mutate({
      phases: {
        currentPhase: current || null,
        dates: PHASES.filter((p) => dates[p].start || dates[p].end).map((p) => ({
          phase: p,
          startDate: dates[p].start || null,
          endDate: dates[p].end || null,
        })),
      },
    });
  const nameOf = (phase: Phase) => project.phases.phases.find((p) => p.phase === phase)?.name ?? phase;
  return (
    <ProjectForm
      label={t('projects.sections.phases')}
      mutation={patch}
      onSubmit={submit}
      submitLabel={t('projects.save')}
      added={false}
      heading={false}
      reload={reload}
    >
      <SelectField
        name="phases.currentPhase"
        label={t('projects.fields.currentPhase')}
        placeholder={t('projects.fields.noPhase')}
        options={PHASES.map((p) => ({ value: p, label: nameOf(p) }))}
        value={current}
        error={fieldError(patch.error, 'phases.currentPhase')}
        onChange={(e) => setCurrent(e.target.value as Phase | '')}
      />
      {PHASES.map((p, index) => (
        <fieldset key={p} className="project-fieldset">
          <legend className="form-label">{nameOf(p)}</legend>
          <div className="project-form-grid">
            <Field
              name={`phases.dates[${index}].startDate`}
              type="date"
              label={`${nameOf(p)}: ${t('projects.fields.startDate')}`}
              value={dates[p].start}
              error={fieldError(patch.error, `phases.dates[${index}].startDate`)}
              onChange={(e) => setDates({ ...dates, [p]: { ...dates[p], start: e.target.value } })}
            />
            <Field
              name={`phases.dates[${index}].endDate`}
              type="date"
              label={`${nameOf(p)}: ${t('projects.fields.endDate')}`}
              value={dates[p].end}
              error={fieldError(patch.error, `phases.dates[${index}].endDate`)}
              onChange={(e) => setDates({ ...dates, [p]: { ...dates[p], end: e.target.value } })}
            />
          </div>
        </fieldset>
      ))}
    </ProjectForm>
  );
}

function Links({ project }: { project: Project }) {
  const { t } = useTranslation();
  return (
    <div className="project-form-grid">
      <LinkedObjects title={t('projects.links.systems')} items={project.systemUsages} href={objectPaths.usage} />
      <LinkedObjects title={t('projects.links.contracts')} items={project.contracts} href={objectPaths.contract} />
    </div>
  );
}

/** One kind of object the project is linked to, as a list of links (or "none"). */
function LinkedObjects({
  title,
  items,
  href,
}: {
  title: string;
  items: ReadonlyArray<{ uuid: string; name?: string | null }>;
  href: (uuid: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <div>
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p>{t('projects.none')}</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item.uuid}>
              <ObjectLink href={href(item.uuid)}>{item.name ?? item.uuid}</ObjectLink>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
