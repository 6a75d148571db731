import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, fromErrorPayload, isErrorPayload, systemCaller } from '@kitos/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@kitos/config';
import { CORRELATION_HEADER, Rpc, type ReminderEntityType } from '@kitos/contracts';
import { NATS_CONNECTION } from '@kitos/messaging';
import { randomUUID } from 'node:crypto';
import { ErrorCode as NatsErrorCode, headers, type NatsConnection, type NatsError } from 'nats';

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
 * Request/reply as the contracts service itself (a system caller), in the wire format of Nest's NATS transport: the
 * owning service's read of a contract, usage or DPR (for the role holders when a mail goes out, and to read through the
 * local copy), and identity's read of a user (e-mail addresses are personal data and stay in identity: asked when needed).
 */
@Injectable()
export class BusClient {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

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

  /** The answer, or null when the owner does not know the object. */
  private async find<T>(subject: string, data: unknown): Promise<T | null> {
    const correlationId = randomUUID();
    const h = headers();
    h.set(CORRELATION_HEADER, correlationId);
    const packet = JSON.stringify({ pattern: subject, data: { caller: systemCaller(correlationId), data }, id: randomUUID() });
    let raw: Uint8Array;
    try {
      raw = (await this.nc.request(subject, new TextEncoder().encode(packet), { timeout: this.config.rpcTimeoutMs, headers: h })).data;
    } catch (error) {
      const code = (error as NatsError).code;
      if (code === NatsErrorCode.Timeout) throw new DomainError(ErrorCode.Timeout, `No answer in time on ${subject}`);
      throw DomainError.unavailable(`The service behind ${subject} is not available; try again shortly`);
    }
    const reply = JSON.parse(new TextDecoder().decode(raw)) as { response?: unknown; err?: unknown };
    if (reply.err !== undefined && reply.err !== null) {
      const failure = isErrorPayload(reply.err) ? fromErrorPayload(reply.err) : null;
      if (failure?.code === ErrorCode.NotFound) return null;
      throw DomainError.unavailable(`${subject} could not answer (${failure?.code ?? 'unknown error'})`);
    }
    return reply.response as T;
  }
}
