import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '@kitos/api-client';
import { api, unwrap, unwrapWithEtag, type Schemas } from '../../api/client';
import { useSignedIn } from '../../auth/session';

export type Project = Schemas['ItProjectResponse'];
export type Phase = NonNullable<Project['phases']['currentPhase']>;
export const PHASES: readonly Phase[] = ['Phase1', 'Phase2', 'Phase3', 'Phase4', 'Phase5'];
export type ProjectOrder = NonNullable<NonNullable<paths['/api/v2/it-projects']['get']['parameters']['query']>['orderByProperty']>;
export const PROJECT_PAGE_SIZE = 50;

export interface ProjectFilters {
  nameContent: string;
  currentPhase: Phase | '';
  archived: '' | 'true' | 'false';
  orderByProperty: ProjectOrder;
}

export function useProjects(organizationUuid: string, page: number, filters: ProjectFilters) {
  return useQuery({
    queryKey: ['it-projects', organizationUuid, page, filters],
    queryFn: () =>
      unwrap(
        api.GET('/api/v2/it-projects', {
          params: {
            query: {
              organizationUuid,
              page,
              pageSize: PROJECT_PAGE_SIZE,
              orderByProperty: filters.orderByProperty,
              nameContent: filters.nameContent || undefined,
              currentPhase: filters.currentPhase || undefined,
              archived: filters.archived === '' ? undefined : filters.archived === 'true',
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** The organisation's names of the five phases (the defaults until a local administrator renames them). */
export function usePhaseNames(organizationUuid: string) {
  return useQuery({
    queryKey: ['project-phase-names', organizationUuid],
    queryFn: () =>
      unwrap(api.GET('/api/v2/organizations/{organizationUuid}/project-phase-names', { params: { path: { organizationUuid } } })),
    staleTime: 5 * 60_000,
  });
}

export function phaseName(names: Schemas['ProjectPhaseNamesResponse'] | undefined, phase: Phase): string {
  return names?.[phase.replace('Phase', 'phase') as 'phase1'] ?? phase;
}

export const projectKey = (uuid: string) => ['it-project', uuid];

export function useProject(uuid: string) {
  return useQuery({
    queryKey: projectKey(uuid),
    queryFn: () => unwrapWithEtag(api.GET('/api/v2/it-projects/{uuid}', { params: { path: { uuid } } })),
  });
}

/**
 * A write of the project or one of its parts with If-Match (every part write is a write of the project: its version
 * moves); afterwards the project is read again, so the page shows the new version, its ETag and the computed rates.
 */
export function useProjectWrite<T>(uuid: string, write: (ifMatch: string, body: T) => Promise<unknown>) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: T) => {
      const etag = queries.getQueryData<{ etag: string | null }>(projectKey(uuid))?.etag ?? '';
      return write(etag, body);
    },
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: projectKey(uuid) });
      void queries.invalidateQueries({ queryKey: ['it-projects'] });
      void queries.invalidateQueries({ queryKey: ['benefits-attention'] });
    },
  });
}

/** Write rights as the projects service grants them: administrators, and members holding a project role with write access. */
export function useCanEditProject(project: Project | undefined): boolean {
  const { user, current } = useSignedIn();
  const administrator = user.isGlobalAdmin || current.roles.includes('LocalAdmin');
  const held = project?.roles.filter((r) => r.user.uuid === user.uuid).map((r) => r.role.uuid) ?? [];
  const organizationUuid = current.organization.uuid;
  const roleTypes = useQuery({
    queryKey: ['role-types', organizationUuid, 'ItProject'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v2/organizations/{organizationUuid}/role-types', {
          params: { path: { organizationUuid }, query: { objectType: 'ItProject' } },
        }),
      ),
    enabled: !administrator && held.length > 0,
    staleTime: 5 * 60_000,
  });
  if (!project || project.archived) return false;
  if (administrator) return true;
  return (roleTypes.data ?? []).some((type) => type.hasWriteAccess && held.includes(type.uuid));
}

export function useCanCreateProject(): boolean {
  const { user, current } = useSignedIn();
  return user.isGlobalAdmin || current.roles.includes('LocalAdmin');
}

/** Kroner from øre (amounts are stored as integer øre). */
export const kroner = (ore: number) => ore / 100;
