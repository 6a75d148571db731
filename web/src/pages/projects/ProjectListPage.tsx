import { useState } from 'react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useSignedIn } from '../../auth/session';
import { SelectField } from '../../components/FormFields';
import { Field } from '../../components/Field';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScrollTable } from '../../components/ScrollTable';
import { Spinner } from '../../components/Spinner';
import { useDebounced } from '../../components/useDebounced';
import { formatters } from '../../i18n';
import { PHASES, PROJECT_PAGE_SIZE, phaseName, useCanCreateProject, usePhaseNames, useProjects, type ProjectFilters } from './data';
import { TrafficLight } from './StatusReports';

const ORDERS = ['Name', 'LastChanged', 'CreationOrder'] as const;

/** The organisation's IT projects [IT-projekter] with filters, a link to each project and, for administrators, "Opret projekt". */
export function ProjectListPage() {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const { current } = useSignedIn();
  const organizationUuid = current.organization.uuid;
  const canCreate = useCanCreateProject();
  const phaseNames = usePhaseNames(organizationUuid);
  const [page, setPage] = useState(0);
  const [filters, setFilters] = useState<ProjectFilters>({ nameContent: '', currentPhase: '', archived: 'false', orderByProperty: 'Name' });
  const nameContent = useDebounced(filters.nameContent.trim(), 300);
  const projects = useProjects(organizationUuid, page, { ...filters, nameContent });
  const change = (next: Partial<ProjectFilters>) => {
    setFilters({ ...filters, ...next });
    setPage(0);
  };
  const rows = projects.data ?? [];

  return (
    <>
      <div className="project-page-head">
        <h1>{t('projects.title')}</h1>
        {canCreate && (
          <Link to="/projects/new" className="button button-primary">
            {t('projects.create')}
          </Link>
        )}
      </div>
      <p>{t('projects.intro')}</p>
      <p>
        <Link to="/projects/benefits-attention">{t('projects.attentionLink')}</Link>
      </p>
      <fieldset className="project-filters">
        <legend className="sr-only">{t('projects.filters.legend')}</legend>
        <Field
          name="nameContent"
          type="search"
          label={t('projects.filters.name')}
          value={filters.nameContent}
          onChange={(e) => change({ nameContent: e.target.value })}
        />
        <SelectField
          name="currentPhase"
          label={t('projects.filters.phase')}
          placeholder={t('projects.filters.anyPhase')}
          options={PHASES.map((p) => ({ value: p, label: phaseName(phaseNames.data, p) }))}
          value={filters.currentPhase}
          onChange={(e) => change({ currentPhase: e.target.value as ProjectFilters['currentPhase'] })}
        />
        <SelectField
          name="archived"
          label={t('projects.filters.archived')}
          placeholder={t('projects.filters.any')}
          options={[
            { value: 'false', label: t('projects.filters.no') },
            { value: 'true', label: t('projects.filters.yes') },
          ]}
          value={filters.archived}
          onChange={(e) => change({ archived: e.target.value as ProjectFilters['archived'] })}
        />
        <SelectField
          name="orderByProperty"
          label={t('projects.filters.order')}
          options={ORDERS.map((o) => ({ value: o, label: t(`projects.filters.orders.${o}`) }))}
          value={filters.orderByProperty}
          onChange={(e) => change({ orderByProperty: e.target.value as ProjectFilters['orderByProperty'] })}
        />
      </fieldset>
      <ProblemAlert error={projects.error} />
      {projects.isPending ? (
        <Spinner />
      ) : (
        <ScrollTable label={t('projects.list.caption')}>
          <table className="table table--zebra table--compact">
            <caption className="sr-only">{t('projects.list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('projects.list.name')}</th>
                <th scope="col">{t('projects.list.projectId')}</th>
                <th scope="col">{t('projects.list.phase')}</th>
                <th scope="col">{t('projects.list.status')}</th>
                <th scope="col">{t('projects.list.benefits')}</th>
                <th scope="col">{t('projects.list.lastModified')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.uuid}>
                  <th scope="row">
                    <Link to="/projects/$uuid" params={{ uuid: p.uuid }}>
                      {p.name}
                    </Link>
                  </th>
                  <td>{p.general.projectId ?? ''}</td>
                  <td>{p.phases.phases.find((phase) => phase.current)?.name ?? ''}</td>
                  <td>{p.latestStatusReport ? <TrafficLight status={p.latestStatusReport.overall.status} /> : ''}</td>
                  <td className="project-number">{p.benefitsRealisation.benefitsNeedingAttention}</td>
                  <td>{format.date(p.lastModified)}</td>
                </tr>
              ))}
              {rows.length === 0 && (
                <tr>
                  <td colSpan={6}>{t('projects.empty')}</td>
                </tr>
              )}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <nav className="project-pager" aria-label={t('projects.page', { page: page + 1 })}>
        <button type="button" className="button button-secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>
          {t('projects.previous')}
        </button>
        <span aria-live="polite">{t('projects.page', { page: page + 1 })}</span>
        <button
          type="button"
          className="button button-secondary"
          disabled={rows.length < PROJECT_PAGE_SIZE}
          onClick={() => setPage(page + 1)}
        >
          {t('projects.next')}
        </button>
      </nav>
    </>
  );
}
