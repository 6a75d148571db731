import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CLOCK, DomainError, hasRole, isMember, requireUser, type Clock } from '@kitos/common';
import { GetSharingSettingsRequest, PutSharingSettingsRequest, Rpc, validateInto, type SharingSettings } from '@kitos/contracts';
import { storedVersion } from '@kitos/persistence';
import { callerOf, expectedVersionOf, type RpcRequest } from '@kitos/platform';
import { ReadModelChanges } from '../read-models/read-model-changes';
import { ReadModelStore } from '../read-models/read-model.store';
import { SharingPolicy } from './sharing-policy';
import { SharingSettingsStore, type SharingSettingsDoc } from './sharing-settings.store';

@Controller()
export class SharingHandlers {
  constructor(
    private readonly settings: SharingSettingsStore,
    private readonly policy: SharingPolicy,
    private readonly store: ReadModelStore,
    private readonly changes: ReadModelChanges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Members of the organisation and global admins read the settings; others get 404. */
  @MessagePattern(Rpc.reporting.sharing.get)
  async get(@Payload() request: RpcRequest): Promise<SharingSettings> {
    const caller = callerOf(request);
    requireUser(caller);
    const { organizationUuid } = validateInto(GetSharingSettingsRequest, request.data);
    if (!isMember(caller, organizationUuid)) throw DomainError.notFound('Organization', organizationUuid);
    return this.view(organizationUuid);
  }

  /** The organisation's local admins (and global admins) change the settings; effective at once for every report. */
  @MessagePattern(Rpc.reporting.sharing.put)
  async put(@Payload() request: RpcRequest): Promise<SharingSettings> {
    const caller = callerOf(request);
    requireUser(caller);
    const { expectedVersion: _ignored, ...data } = (request.data ?? {}) as { expectedVersion?: unknown };
    const expectedVersion = expectedVersionOf(request.data, 0);
    const body = validateInto(PutSharingSettingsRequest, data);
    const { organizationUuid } = body;
    if (!isMember(caller, organizationUuid)) throw DomainError.notFound('Organization', organizationUuid);
    if (!hasRole(caller, organizationUuid, 'LocalAdmin'))
      throw DomainError.forbidden('Only the organisation’s local administrators change its sharing settings');
    if (caller.isGlobalAdmin && !(await this.store.organizationExists(organizationUuid)))
      throw DomainError.notFound('Organization', organizationUuid);
    const written = await this.settings.set(
      organizationUuid,
      body.shareContractEconomy,
      caller.userUuid,
      this.clock.now(),
      expectedVersion,
    );
    if (!written) throw DomainError.stale(`The sharing settings of organisation ${organizationUuid}`, expectedVersion);
    this.changes.changed(); // benchmarks computed before leave this organisation's economy out from now on
    return this.view(organizationUuid, written);
  }

  private async view(organizationUuid: string, written?: SharingSettingsDoc): Promise<SharingSettings> {
    const doc = written ?? (await this.settings.get(organizationUuid));
    return {
      organizationUuid,
      shareContractEconomy: doc?.shareContractEconomy ?? true,
      hiddenFromOtherOrganizations: [...(await this.policy.hiddenFromOthers(organizationUuid))],
      changedAt: doc ? doc.changedAt.toISOString() : null,
      changedByUserUuid: doc?.changedByUserUuid ?? null,
      version: storedVersion(doc),
    };
  }
}
