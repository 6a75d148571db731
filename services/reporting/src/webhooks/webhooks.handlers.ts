import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { randomBytes } from 'node:crypto';
import {
  CLOCK,
  DomainError,
  ID_GENERATOR,
  hasRole,
  isMember,
  requireUser,
  type CallerContext,
  type Clock,
  type IdGenerator,
  createOnce,
  newAggregateUuid,
} from '@kitos/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@kitos/config';
import {
  CreateWebhookRequest,
  PatchWebhookRequest,
  Rpc,
  WebhookDeliveriesQuery,
  WebhookListQuery,
  WEBHOOK_DELIVERIES_DEFAULT_PAGE_SIZE,
  WebhookReplayRequest,
  validateInto,
  type CreatedWebhookResponse,
  type WebhookDeadLetter,
  type WebhookDeliveryPage,
  type WebhookDeliveryStatus,
  type WebhookReplayResponse,
  type WebhookResponse,
} from '@kitos/contracts';
import { storedVersion } from '@kitos/persistence';
import { callerOf, expectedVersionOf, type RpcRequest } from '@kitos/platform';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookReplay } from './webhook-replay';
import { urlProblem } from './webhook-rules';
import { WebhookStore, type DeliveryDoc, type SubscriptionDoc } from './webhook.store';

/** Local admins of the organisation and global admins manage its subscriptions (KITOS: system integrators with `CanSubscribe`). */
function mayManage(caller: CallerContext, organizationUuid: string): boolean {
  return caller.isGlobalAdmin || hasRole(caller, organizationUuid, 'LocalAdmin');
}

function toResponse(s: SubscriptionDoc): WebhookResponse {
  return {
    uuid: s._id,
    organizationUuid: s.organizationUuid,
    url: s.url,
    topics: s.topics,
    active: s.active,
    createdAt: s.createdAt.toISOString(),
    lastModified: s.lastModified.toISOString(),
    version: storedVersion(s),
  };
}

/** A conditional write that lost: 412 with If-Match; without it only a concurrent delete, which reads as gone. */
function staleWebhook(uuid: string, expectedVersion: number | undefined): DomainError {
  return expectedVersion === undefined ? DomainError.notFound('Webhook', uuid) : DomainError.stale(`Webhook ${uuid}`, expectedVersion);
}

/** The state shown to people: a pending delivery with failed attempts behind it is `failed-retrying`. */
function deliveryStatus(d: DeliveryDoc): WebhookDeliveryStatus {
  if (d.status === 'pending' && d.attempts > 0) return 'failed-retrying';
  return d.status;
}

@Controller()
export class WebhooksHandlers {
  constructor(
    private readonly store: WebhookStore,
    private readonly dispatcher: WebhookDispatcher,
    private readonly replays: WebhookReplay,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  private checkUrl(url: string): void {
    const problem = urlProblem(url, this.config.nodeEnv === 'production');
    if (problem) throw DomainError.badInput(problem, [{ field: 'url', message: problem }]);
  }

  /** The subscription the caller may manage: 404 when invisible (unknown, or another organisation's), 403 for a member who is no admin. */
  private async managed(caller: CallerContext, uuid: unknown): Promise<SubscriptionDoc> {
    requireUser(caller);
    const found = typeof uuid === 'string' ? await this.store.subscription(uuid) : null;
    if (!found || !isMember(caller, found.organizationUuid)) throw DomainError.notFound('Webhook subscription', String(uuid));
    if (!mayManage(caller, found.organizationUuid))
      throw DomainError.forbidden('Only local and global admins manage webhook subscriptions');
    return found;
  }

  @MessagePattern(Rpc.reporting.webhooks.create)
  async create(@Payload() request: RpcRequest): Promise<CreatedWebhookResponse> {
    const caller = callerOf(request);
    requireUser(caller);
    const body = validateInto(CreateWebhookRequest, request.data);
    if (!mayManage(caller, body.organizationUuid))
      throw DomainError.forbidden('Only local admins of the organisation and global admins subscribe to its events');
    this.checkUrl(body.url);
    const uuid = newAggregateUuid(this.ids, caller, 'webhook');
    // a retry of a create whose answer was lost (Idempotency-Key): the subscription the first run made, with its secret
    // (the key is the same caller's: the secret goes to whom it went the first time)
    const earlier = async () => {
      const made = await this.store.subscription(uuid);
      return made ? { ...toResponse(made), secret: made.secret } : null;
    };
    const found = caller.idempotencyKey ? await earlier() : null;
    if (found) return found;
    const now = this.clock.now();
    const doc: SubscriptionDoc = {
      _id: uuid,
      organizationUuid: body.organizationUuid,
      url: body.url,
      topics: [...new Set(body.topics)],
      secret: randomBytes(32).toString('hex'),
      active: body.active ?? true,
      readsGlobalCatalog: caller.isGlobalAdmin || caller.crossOrganizationRead === 'Public' || caller.crossOrganizationRead === 'All',
      createdByUuid: caller.userUuid,
      createdAt: now,
      lastModified: now,
      deleted: false,
      version: 1,
    };
    // a retry that overtook its first run collides on `_id` with that run's subscription: that (and its secret) is its answer
    return createOnce(
      caller,
      async () => {
        await this.store.insertSubscription(doc);
        return { ...toResponse(doc), secret: doc.secret };
      },
      earlier,
    );
  }

  @MessagePattern(Rpc.reporting.webhooks.list)
  async list(@Payload() request: RpcRequest): Promise<WebhookResponse[]> {
    const caller = callerOf(request);
    requireUser(caller);
    const query = validateInto(WebhookListQuery, request.data ?? {});
    const found = await this.store.listSubscriptions(query.organizationUuid);
    return found.filter((s) => mayManage(caller, s.organizationUuid)).map(toResponse);
  }

  @MessagePattern(Rpc.reporting.webhooks.get)
  async get(@Payload() request: RpcRequest<{ uuid?: string }>): Promise<WebhookResponse> {
    return toResponse(await this.managed(callerOf(request), request.data?.uuid));
  }

  @MessagePattern(Rpc.reporting.webhooks.patch)
  async patch(@Payload() request: RpcRequest<{ uuid?: string; body?: unknown; expectedVersion?: unknown }>): Promise<WebhookResponse> {
    const found = await this.managed(callerOf(request), request.data?.uuid);
    const expectedVersion = expectedVersionOf(request.data, 0);
    const body = validateInto(PatchWebhookRequest, request.data?.body ?? {});
    if (body.url !== undefined) this.checkUrl(body.url);
    const set: Partial<SubscriptionDoc> = { lastModified: this.clock.now() };
    if (body.url !== undefined) set.url = body.url;
    if (body.topics !== undefined) set.topics = [...new Set(body.topics)];
    if (body.active !== undefined) set.active = body.active;
    const changed = await this.store.updateSubscription(found._id, set, expectedVersion);
    if (!changed) throw staleWebhook(found._id, expectedVersion);
    // deliveries kept while it was paused leave now
    if (body.active === true) this.dispatcher.kick();
    return toResponse(changed);
  }

  @MessagePattern(Rpc.reporting.webhooks.delete)
  async delete(@Payload() request: RpcRequest<{ uuid?: string; expectedVersion?: unknown }>): Promise<void> {
    const found = await this.managed(callerOf(request), request.data?.uuid);
    const expectedVersion = expectedVersionOf(request.data, 0);
    const deleted = await this.store.updateSubscription(
      found._id,
      { deleted: true, active: false, lastModified: this.clock.now() },
      expectedVersion,
    );
    if (!deleted) throw staleWebhook(found._id, expectedVersion);
  }

  @MessagePattern(Rpc.reporting.webhooks.deadLetters)
  async deadLetters(@Payload() request: RpcRequest<{ uuid?: string }>): Promise<WebhookDeadLetter[]> {
    const found = await this.managed(callerOf(request), request.data?.uuid);
    return (await this.store.deadLetters(found._id)).map((d) => ({
      uuid: d._id,
      eventId: d.eventId,
      eventType: d.eventType,
      replay: d.replay,
      attempts: d.attempts,
      lastStatus: d.lastStatus ?? null,
      lastError: d.lastError ?? null,
      failedAt: (d.finishedAt ?? d.createdAt).toISOString(),
    }));
  }

  @MessagePattern(Rpc.reporting.webhooks.deliveries)
  async deliveries(@Payload() request: RpcRequest<{ uuid?: string; query?: unknown }>): Promise<WebhookDeliveryPage> {
    const found = await this.managed(callerOf(request), request.data?.uuid);
    const query = validateInto(WebhookDeliveriesQuery, request.data?.query ?? {});
    const page = query.page ?? 0;
    const pageSize = query.pageSize ?? WEBHOOK_DELIVERIES_DEFAULT_PAGE_SIZE;
    const { items, total } = await this.store.deliveriesOf(found._id, query.status, page * pageSize, pageSize);
    const lastAttempts = await this.store.lastAttemptTimes(items);
    return {
      items: items.map((d) => ({
        uuid: d._id,
        eventId: d.eventId,
        eventType: d.eventType,
        replay: d.replay,
        status: deliveryStatus(d),
        attempts: d.attempts,
        createdAt: d.createdAt.toISOString(),
        lastAttemptAt: lastAttempts.get(d._id)?.toISOString() ?? null,
        finishedAt: d.finishedAt?.toISOString() ?? null,
        lastStatus: d.lastStatus ?? null,
        lastError: d.lastError ?? null,
      })),
      page,
      pageSize,
      total,
    };
  }

  @MessagePattern(Rpc.reporting.webhooks.redeliver)
  async redeliver(@Payload() request: RpcRequest<{ uuid?: string; deliveryUuid?: string }>): Promise<void> {
    const found = await this.managed(callerOf(request), request.data?.uuid);
    const deliveryUuid = request.data?.deliveryUuid;
    const delivery = typeof deliveryUuid === 'string' ? await this.store.delivery(deliveryUuid) : null;
    if (!delivery || delivery.subscriptionUuid !== found._id) throw DomainError.notFound('Dead letter', String(deliveryUuid));
    if (delivery.status !== 'dead') throw DomainError.conflict('Only dead letters are redelivered');
    await this.store.record(delivery._id, {
      status: 'pending',
      attempts: 0,
      round: (delivery.round ?? 0) + 1,
      nextAttemptAt: this.clock.now(),
      finishedAt: null,
    });
    this.dispatcher.kick();
  }

  @MessagePattern(Rpc.reporting.webhooks.replay)
  async replay(@Payload() request: RpcRequest<{ uuid?: string; body?: unknown }>): Promise<WebhookReplayResponse> {
    const found = await this.managed(callerOf(request), request.data?.uuid);
    const body = validateInto(WebhookReplayRequest, request.data?.body ?? {});
    const from = new Date(body.from);
    if (from.getTime() > this.clock.now().getTime())
      throw DomainError.badInput('from lies in the future', [{ field: 'from', message: 'must not lie in the future' }]);
    // answer well within the gateway's request timeout; a longer replay goes on in the background
    return this.replays.replay(found, from, this.ids.uuid(), Math.floor(this.config.rpcTimeoutMs / 2));
  }
}
