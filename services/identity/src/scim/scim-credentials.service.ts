import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, DomainError, ErrorCode, ID_GENERATOR, type CallerContext, type Clock, type IdGenerator } from '@kitos/common';
import type { CreateScimCredentialRequest, ScimCredentialResponse, ScimCredentialSecretResponse } from '@kitos/contracts';
import { AuditRepository } from '../auth/audit.repository';
import { requireScimAdmin } from './scim-access';
import { OrganizationsService } from '../organizations/organizations.service';
import { ScimCredentialsRepository, type ScimCredential } from './scim-credentials.repository';

const SECRET_PREFIX = 'kitos-scim_';
/** How often a credential's lastUsedAt is written at most (not on every request). */
const TOUCH_EVERY_MS = 60_000;

export const hashSecret = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

/**
 * One bearer credential per organisation for its identity management system: created by the organisation's local
 * administrator (the secret is shown once; only its SHA-256 is stored — it is 256 random bits, so no salt or slow hash
 * is needed), listed without secret, revoked for good. Every SCIM request is checked against it.
 */
@Injectable()
export class ScimCredentialsService {
  constructor(
    private readonly repository: ScimCredentialsRepository,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async create(
    caller: CallerContext,
    organizationUuid: string,
    request: CreateScimCredentialRequest,
  ): Promise<ScimCredentialSecretResponse> {
    await requireScimAdmin(caller, organizationUuid, this.organizations);
    if ((await this.repository.listByOrganization(organizationUuid)).some((c) => !c.revokedAt))
      throw DomainError.conflict('The organisation already has a SCIM credential: revoke it before creating another');
    const secret = `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
    const credential: ScimCredential = {
      uuid: this.ids.uuid(),
      organizationUuid,
      description: request.description ?? '',
      secretHash: hashSecret(secret),
      createdAt: this.clock.now(),
      createdByUserUuid: caller.userUuid,
      revokedAt: null,
      lastUsedAt: null,
    };
    await this.repository.insert(credential);
    await this.record(caller, credential, 'SCIM credential created');
    return { ...toResponse(credential), secret };
  }

  async list(caller: CallerContext, organizationUuid: string): Promise<ScimCredentialResponse[]> {
    await requireScimAdmin(caller, organizationUuid, this.organizations);
    return (await this.repository.listByOrganization(organizationUuid)).map(toResponse);
  }

  async revoke(caller: CallerContext, organizationUuid: string, uuid: string): Promise<void> {
    await requireScimAdmin(caller, organizationUuid, this.organizations);
    const credential = (await this.repository.listByOrganization(organizationUuid)).find((c) => c.uuid === uuid);
    if (!credential || !(await this.repository.revoke(organizationUuid, uuid, this.clock.now())))
      throw DomainError.notFound('Unrevoked SCIM credential', uuid);
    await this.record(caller, credential, 'SCIM credential revoked');
  }

  /**
   * The organisation a SCIM request acts for: its credential must exist and be unrevoked (401 otherwise), and when
   * the request names an organisation (the per-organisation base URL) it must be the credential's (403 otherwise).
   */
  async authenticate(secret: unknown, organizationUuid: unknown): Promise<{ organizationUuid: string; credentialUuid: string }> {
    if (typeof secret !== 'string' || !secret.startsWith(SECRET_PREFIX) || secret.length > 200)
      throw scimAuth(ErrorCode.Unauthenticated, 'Send the SCIM credential of your organisation: Authorization: Bearer kitos-scim_…');
    const credential = await this.repository.findBySecretHash(hashSecret(secret));
    if (!credential) throw scimAuth(ErrorCode.Unauthenticated, 'The SCIM credential is not valid');
    if (credential.revokedAt) throw scimAuth(ErrorCode.Unauthenticated, 'The SCIM credential has been revoked');
    if (organizationUuid !== undefined && organizationUuid !== credential.organizationUuid)
      throw scimAuth(ErrorCode.Forbidden, "The SCIM credential belongs to another organisation than the URL's");
    if (!(await this.organizations.many([credential.organizationUuid])).length)
      throw scimAuth(ErrorCode.Forbidden, 'The organisation of the SCIM credential no longer exists');
    const now = this.clock.now();
    if (!credential.lastUsedAt || now.getTime() - credential.lastUsedAt.getTime() > TOUCH_EVERY_MS)
      await this.repository.touch(credential.uuid, now);
    return { organizationUuid: credential.organizationUuid, credentialUuid: credential.uuid };
  }

  private record(caller: CallerContext, credential: ScimCredential, detail: string): Promise<void> {
    return this.audit.record({
      action: 'scim.credential.changed',
      actorUserUuid: caller.userUuid,
      subjectUuid: credential.uuid,
      organizationUuids: [credential.organizationUuid],
      detail,
      correlationId: caller.correlationId,
    });
  }
}

function scimAuth(code: ErrorCode, message: string): DomainError {
  return new DomainError(code, message, [], {});
}

function toResponse(c: ScimCredential): ScimCredentialResponse {
  return {
    uuid: c.uuid,
    organizationUuid: c.organizationUuid,
    description: c.description,
    createdAt: c.createdAt.toISOString(),
    createdByUserUuid: c.createdByUserUuid,
    revokedAt: c.revokedAt?.toISOString() ?? null,
    lastUsedAt: c.lastUsedAt?.toISOString() ?? null,
  };
}
