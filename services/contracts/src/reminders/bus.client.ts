import { Injectable } from '@nestjs/common';
import { Rpc, type ReminderEntityType } from '@kitos/contracts';
import { NatsRpcClient } from '@kitos/messaging';

/** What the reminders need of an object owned elsewhere (or by the contracts module): its organisation, name and role holders. */
export interface OwnedObject {
  readonly organizationUuid: string;
  readonly name: string | null;
  readonly roles: ReadonlyArray<{ roleUuid: string; userUuid: string }>;
}

const GET_SUBJECT: Record<ReminderEntityType, string> = {
  ItContract: Rpc.contracts.itContracts.get,
  ItSystemUsage: Rpc.catalog.usages.get,
  DataProcessingRegistration: Rpc.gdpr.dpr.get,
};

interface ObjectReply {
  organizationContext?: { uuid?: string };
  name?: string | null;
  general?: { localCallName?: string | null };
  systemContext?: { name?: string | null };
  roles?: Array<{ role?: { uuid?: string }; user?: { uuid?: string } }>;
}

/**
 * What the reminders ask other services, as the contracts service itself (a system caller): the
 * owning service's read of a contract, usage or DPR (for the role holders when a mail goes out, and to read through the
 * local copy), and identity's read of a user (e-mail addresses are personal data and stay in identity: asked when needed).
 */
@Injectable()
export class BusClient {
  constructor(private readonly rpc: NatsRpcClient) {}

  async findObject(type: ReminderEntityType, uuid: string): Promise<OwnedObject | null> {
    const reply = await this.find<ObjectReply>(GET_SUBJECT[type], { uuid });
    const organizationUuid = reply?.organizationContext?.uuid;
    if (!reply || !organizationUuid) return null;
    const name = reply.name ?? reply.general?.localCallName ?? reply.systemContext?.name ?? null;
    const roles = (reply.roles ?? []).flatMap((r) =>
      r.role?.uuid && r.user?.uuid ? [{ roleUuid: r.role.uuid, userUuid: r.user.uuid }] : [],
    );
    return { organizationUuid, name, roles };
  }

  async findUserEmail(userUuid: string): Promise<string | null> {
    const user = await this.find<{ email?: string }>(Rpc.identity.getUser, { uuid: userUuid });
    return user?.email ?? null;
  }

  /** The answer, or null when the owner does not know the object; any other refusal means it cannot answer now (503). */
  private find<T>(subject: string, data: unknown): Promise<T | null> {
    return this.rpc.systemFind<T>(subject, data, { passOn: [] });
  }
}
