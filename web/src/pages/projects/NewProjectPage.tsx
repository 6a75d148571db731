import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useSignedIn } from '../../auth/session';
import { SelectField } from '../../components/FormFields';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { PHASES, phaseName, usePhaseNames, type Phase } from './data';
import { GeneralFields, type GeneralValues } from './GeneralFields';
import { textOrNull } from './ProjectForm';

/** Create an IT project (local and global administrators): name, project id, description and the phase it starts in. */
export function NewProjectPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const { current } = useSignedIn();
  const organizationUuid = current.organization.uuid;
  const phaseNames = usePhaseNames(organizationUuid);
  const [general, setGeneral] = useState<GeneralValues>({ name: '', projectId: '', description: '' });
  const [currentPhase, setCurrentPhase] = useState<Phase | ''>('Phase1');

  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v2/it-projects', {
          body: {
            organizationUuid,
            name: general.name.trim(),
            general: { projectId: textOrNull(general.projectId), description: textOrNull(general.description) },
            phases: { currentPhase: currentPhase || null, dates: [] },
          },
        }),
      ),
    onSuccess: (project) => {
      void queries.invalidateQueries({ queryKey: ['it-projects'] });
      return navigate({ to: '/projects/$uuid', params: { uuid: project.uuid } });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };

  return (
    <>
      <h1>{t('projects.createTitle')}</h1>
      <form onSubmit={submit} noValidate aria-busy={create.isPending}>
        <ProblemAlert error={create.error} />
        <GeneralFields values={general} onChange={setGeneral} error={create.error} />
        <SelectField
          name="phases.currentPhase"
          label={t('projects.fields.currentPhase')}
          placeholder={t('projects.fields.noPhase')}
          options={PHASES.map((p) => ({ value: p, label: phaseName(phaseNames.data, p) }))}
          value={currentPhase}
          error={fieldError(create.error, 'phases.currentPhase')}
          onChange={(e) => setCurrentPhase(e.target.value as Phase | '')}
        />
        <div className="project-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {t('projects.create')}
          </button>
          <Link to="/projects" className="button button-secondary">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
