/** The tabs of a usage's page, in order; the route validates `?tab=` against them. */
export const USAGE_TABS = ['general', 'organization', 'kle', 'roles', 'relations', 'gdpr', 'archiving', 'contracts', 'history'] as const;
export type UsageTab = (typeof USAGE_TABS)[number];
