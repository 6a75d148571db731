import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, unwrapWithEtag, type Schemas } from '../../api/client';
import { Field } from '../../components/Field';
import { fieldError } from '../../components/ProblemAlert';
import { PHASES, projectKey } from './data';
import { ProjectForm } from './ProjectForm';

type Names = Schemas['ProjectPhaseNamesWrite'];
const keyOf = (phase: (typeof PHASES)[number]) => phase.replace('Phase', 'phase') as keyof Names;

/**
 * The organisation's names of the five phases (administrators): read with its own ETag and sent with If-Match
 * (`PATCH …/project-phase-names`); afterwards the list's filter and every project read again show the new names.
 */
export function PhaseNamesForm({ organizationUuid, projectUuid }: { organizationUuid: string; projectUuid: string }) {
  const queries = useQueryClient();
  const read = useQuery({
    queryKey: ['project-phase-names', organizationUuid, 'etag'],
    queryFn: () =>
      unwrapWithEtag(api.GET('/api/v2/organizations/{organizationUuid}/project-phase-names', { params: { path: { organizationUuid } } })),
  });
  const rename = useMutation({
    mutationFn: (body: Names) =>
      unwrap(
        api.PATCH('/api/v2/organizations/{organizationUuid}/project-phase-names', {
          params: { path: { organizationUuid }, header: { 'If-Match': read.data?.etag ?? '' } },
          body,
        }),
      ),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['project-phase-names', organizationUuid] });
      await queries.invalidateQueries({ queryKey: projectKey(projectUuid) });
    },
  });
  if (!read.data) return null;
  return <PhaseNamesFields key={read.data.etag} names={read.data.data} mutation={rename} reload={() => void read.refetch()} />;
}

function PhaseNamesFields({
  names,
  mutation,
  reload,
}: {
  names: Schemas['ProjectPhaseNamesResponse'];
  mutation: ReturnType<typeof useMutation<unknown, Error, Names>>;
  reload: () => void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState<Names>(() => Object.fromEntries(PHASES.map((p) => [keyOf(p), names[keyOf(p)]])));
  return (
    <ProjectForm
      label={t('projects.phaseNames.title')}
      submitLabel={t('projects.save')}
      added={false}
      mutation={mutation}
      onSubmit={() => mutation.mutate(Object.fromEntries(PHASES.map((p) => [keyOf(p), (form[keyOf(p)] ?? '').trim()])))}
      reload={reload}
    >
      <p>{t('projects.phaseNames.help')}</p>
      <div className="project-form-grid">
        {PHASES.map((p, index) => (
          <Field
            key={p}
            name={`phaseNames.${keyOf(p)}`}
            label={t('projects.phaseNames.phase', { number: index + 1 })}
            required
            maxLength={100}
            value={form[keyOf(p)] ?? ''}
            error={fieldError(mutation.error, keyOf(p))}
            onChange={(e) => setForm({ ...form, [keyOf(p)]: e.target.value })}
          />
        ))}
      </div>
    </ProjectForm>
  );
}
