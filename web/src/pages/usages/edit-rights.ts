import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useSession } from '../../auth/session';

/** Which of a usage's tabs the signed-in user may change. */
export interface UsageEditRights {
  /** The usage itself (system front page, organisation, local KLE, roles, main contract). */
  usage: boolean;
  /** Its archiving profile and journal periods. */
  archive: boolean;
  /** Its GDPR profile and outgoing system relations. */
  gdprAndRelations: boolean;
}

/**
 * Who may change a usage, as the API decides it: `GET …/it-system-usages/{uuid}/permissions` counts a per-usage role
 * with write access as well as the organisation's administrator roles, and the archive answers for itself
 * (`GET …/it-system-usage-archives/{uuid}/permissions`). The GDPR profile and the relations have no permissions
 * endpoint; their writes take the organisation's local and system-module administrators (and global ones), so those
 * are checked by role. `undefined` until both answers are in (the tabs show nothing editable before they know).
 * `version`: the usage's version, so that a change of its roles asks again.
 */
export function useUsageEditRights(uuid: string, version: number): UsageEditRights | undefined {
  const gdprAndRelations = useSession().hasRole('LocalAdmin', 'SystemModuleAdmin');
  const usage = useQuery({
    queryKey: ['permissions', 'it-system-usages', uuid, version],
    queryFn: () => unwrap(api.GET('/api/v2/it-system-usages/{uuid}/permissions', { params: { path: { uuid } } })),
    staleTime: 60_000,
    placeholderData: keepPreviousData, // the tabs stay while a new version is asked about
  });
  const archive = useQuery({
    queryKey: ['permissions', 'it-system-usage-archives', uuid],
    queryFn: () => unwrap(api.GET('/api/v2/it-system-usage-archives/{uuid}/permissions', { params: { path: { uuid } } })),
    staleTime: 60_000,
  });
  if (usage.isPending || archive.isPending) return undefined;
  return { usage: usage.data?.modify ?? false, archive: archive.data?.modify ?? false, gdprAndRelations };
}
