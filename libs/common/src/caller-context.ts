/**
 * Who is calling, as verified by the gateway and passed with every request on the bus.
 * Services enforce authorisation again with it; they never trust a bare id.
 */
export interface CallerContext {
  /** `anonymous` until identity verifies tokens; `system` for internal jobs. */
  readonly kind: 'anonymous' | 'user' | 'system';
  readonly userUuid: string | null;
  readonly isGlobalAdmin: boolean;
  readonly organizationRoles: readonly OrganizationRole[];
  readonly correlationId: string;
}

export interface OrganizationRole {
  readonly organizationUuid: string;
  readonly role: string;
}

export function systemCaller(correlationId: string): CallerContext {
  return { kind: 'system', userUuid: null, isGlobalAdmin: true, organizationRoles: [], correlationId };
}
