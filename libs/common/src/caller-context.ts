/**
 * Who is calling, as verified by the gateway and passed with every request on the bus.
 * Services enforce authorisation again with it; they never trust a bare id.
 */
export interface CallerContext {
  /** `user` for a verified token, `system` for internal jobs, `anonymous` for public endpoints. */
  readonly kind: 'anonymous' | 'user' | 'system';
  readonly userUuid: string | null;
  readonly isGlobalAdmin: boolean;
  readonly organizationRoles: readonly OrganizationRole[];
  /**
   * What the caller may read of other organisations' shared (Global) catalogue entries (KITOS cross-organisation
   * read level): All (global admin), RightsHolder, Public (member of a municipality, or stakeholder), None.
   */
  readonly crossOrganizationRead: CrossOrganizationRead;
  /** Stakeholders (e.g. KL, KOMBIT) read every system and interface, Local ones included. */
  readonly isStakeholder: boolean;
  /** System integrators change the legal (DBS) names of IT systems (KITOS `ChangeLegalSystemPropertiesPermission`). */
  readonly isSystemIntegrator?: boolean;
  readonly correlationId: string;
  /**
   * Set by the gateway on a request sent with an `Idempotency-Key`: a hash of the caller, the request (method, path,
   * body) and the key. A create derives the new object's uuid from it (`newAggregateUuid`), so that a retry of a
   * request whose answer was lost (504) finds the object made the first time instead of making a second.
   */
  readonly idempotencyKey?: string;
}

export type CrossOrganizationRead = 'All' | 'RightsHolder' | 'Public' | 'None';

export interface OrganizationRole {
  readonly organizationUuid: string;
  readonly role: string;
}

export function systemCaller(correlationId: string): CallerContext {
  return {
    kind: 'system',
    userUuid: null,
    isGlobalAdmin: true,
    organizationRoles: [],
    crossOrganizationRead: 'All',
    isStakeholder: false,
    correlationId,
  };
}

export function anonymousCaller(correlationId: string): CallerContext {
  return {
    kind: 'anonymous',
    userUuid: null,
    isGlobalAdmin: false,
    organizationRoles: [],
    crossOrganizationRead: 'None',
    isStakeholder: false,
    correlationId,
  };
}
