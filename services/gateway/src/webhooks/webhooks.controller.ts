import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  CreatedWebhookResponse,
  CreateWebhookRequest,
  PatchWebhookRequest,
  Rpc,
  WebhookDeadLetter,
  WebhookDeliveriesQuery,
  WebhookDeliveryPage,
  WebhookListQuery,
  WebhookReplayRequest,
  WebhookReplayResponse,
  WebhookResponse,
} from '@kitos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf, ifMatchHeader } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

const WHO =
  'Local admins of the subscription’s organisation and global admins (KITOS: system integrators with `CanSubscribe`); ' +
  'another member of the organisation gets 403, anyone else 404.';

const DELIVERY =
  'Each matching event the organisation may read (its own events, events of no organisation such as KLE and global options, ' +
  'and other organisations’ Global catalogue systems and interfaces when it reads across organisations; never another ' +
  'organisation’s usages, contracts, DPRs or projects) is POSTed as JSON `{id, type, version, occurredAt, organizationUuid, ' +
  'aggregate, data, replay}` with `X-Kitos-Signature: sha256=<hex HMAC-SHA256 of the body with the secret>` and ' +
  '`X-Kitos-Event-Id`. A 2xx answer delivers; otherwise it is retried with exponential backoff (WEBHOOK_BACKOFF_MS, ' +
  'doubling) up to WEBHOOK_MAX_ATTEMPTS, then kept as a dead letter. An event is sent once per subscription, however often ' +
  'the bus delivers it.';

/** Webhook subscriptions for external systems (KITOS PubSub subscriptions, in the v2 style). */
@ApiTags('webhooks')
@Controller('api/v2/webhooks')
export class WebhooksController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @ApiOperation({
    summary: 'Subscribe an organisation to events',
    description:
      'Topics are event types `<service>.<aggregate>.<event>` (e.g. `contracts.it-contract.updated`), any segment may be ' +
      '`*` (`catalog.it-system.*`). The url must be https in production. The answer holds the signing `secret`, shown only ' +
      `once. Local admins of the organisation and global admins only (403). ${DELIVERY}`,
  })
  @ApiCreatedResponse({ type: CreatedWebhookResponse })
  @ApiProblems(400, 401, 403, 503, 504)
  create(@Body() body: CreateWebhookRequest, @Req() request: FastifyRequest): Promise<CreatedWebhookResponse> {
    return this.rpc.request(Rpc.reporting.webhooks.create, callerOf(request), body);
  }

  @Get()
  @ApiOperation({ summary: 'The subscriptions the caller manages', description: 'Filtered silently to what the caller manages.' })
  @ApiOkResponse({ type: [WebhookResponse] })
  @ApiProblems(400, 401, 503, 504)
  list(@Query() query: WebhookListQuery, @Req() request: FastifyRequest): Promise<WebhookResponse[]> {
    return this.rpc.request(Rpc.reporting.webhooks.list, callerOf(request), query);
  }

  @Get(':uuid')
  @ApiOperation({ summary: 'One subscription (without its secret)', description: WHO })
  @ApiOkResponse({ type: WebhookResponse, description: 'The ETag header holds its version' })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  async get(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebhookResponse> {
    const webhook = await this.rpc.request<WebhookResponse>(Rpc.reporting.webhooks.get, callerOf(request), { uuid });
    void reply.header('etag', etagOf(webhook.version));
    return webhook;
  }

  @Patch(':uuid')
  @ApiOperation({ summary: 'Change the url, topics or active flag of a subscription', description: WHO })
  @ApiHeader(ifMatchHeader('the subscription'))
  @ApiOkResponse({ type: WebhookResponse, description: 'The ETag header holds its new version' })
  @ApiProblems(400, 401, 403, 404, 412, 503, 504)
  async patch(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: PatchWebhookRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebhookResponse> {
    const webhook = await this.rpc.request<WebhookResponse>(Rpc.reporting.webhooks.patch, callerOf(request), {
      uuid,
      body,
      expectedVersion: expectedVersionOf(ifMatch),
    });
    void reply.header('etag', etagOf(webhook.version));
    return webhook;
  }

  @Delete(':uuid')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a subscription', description: `Pending deliveries are dropped. ${WHO}` })
  @ApiHeader(ifMatchHeader('the subscription'))
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404, 412, 503, 504)
  async delete(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.rpc.request(Rpc.reporting.webhooks.delete, callerOf(request), { uuid, expectedVersion: expectedVersionOf(ifMatch) });
  }

  @Get(':uuid/dead-letters')
  @ApiOperation({ summary: 'Deliveries that failed every attempt', description: `Newest first, at most 1000. ${WHO}` })
  @ApiOkResponse({ type: [WebhookDeadLetter] })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  deadLetters(@Param('uuid', UuidParamPipe) uuid: string, @Req() request: FastifyRequest): Promise<WebhookDeadLetter[]> {
    return this.rpc.request(Rpc.reporting.webhooks.deadLetters, callerOf(request), { uuid });
  }

  @Get(':uuid/deliveries')
  @ApiOperation({
    summary: 'The subscription’s recent deliveries',
    description:
      'Every event queued for the subscription, newest first, paged, optionally of one `status`: `pending` (not tried yet), ' +
      '`delivered`, `failed-retrying` (failed attempts, another one is planned) or `dead` (failed every attempt; see the dead ' +
      `letters). \`lastAttemptAt\`, \`lastStatus\` and \`lastError\` describe the last attempt. ${WHO}`,
  })
  @ApiOkResponse({ type: WebhookDeliveryPage })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  deliveries(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Query() query: WebhookDeliveriesQuery,
    @Req() request: FastifyRequest,
  ): Promise<WebhookDeliveryPage> {
    return this.rpc.request(Rpc.reporting.webhooks.deliveries, callerOf(request), { uuid, query });
  }

  @Post(':uuid/dead-letters/:deliveryUuid/redeliver')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a dead letter again',
    description: `It gets a fresh set of attempts. A delivery that is no dead letter → 409. ${WHO}`,
  })
  @ApiAcceptedResponse()
  @ApiProblems(400, 401, 403, 404, 409, 503, 504)
  async redeliver(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Param('deliveryUuid', UuidParamPipe) deliveryUuid: string,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.rpc.request(Rpc.reporting.webhooks.redeliver, callerOf(request), { uuid, deliveryUuid });
  }

  @Post(':uuid/replay')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Re-send past events from a point in time',
    description:
      'Reads the services’ event streams from `from` and queues every matching event the organisation may read again, ' +
      `with \`replay: true\` in the body and \`X-Kitos-Replay: true\`. Events older than the streams’ retention are gone. ` +
      `The answer comes when the replay is done or after half the request timeout, whichever is first; \`complete: false\` ` +
      `then says that it goes on in the background. ${WHO}`,
  })
  @ApiAcceptedResponse({ type: WebhookReplayResponse })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  replay(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: WebhookReplayRequest,
    @Req() request: FastifyRequest,
  ): Promise<WebhookReplayResponse> {
    return this.rpc.request(Rpc.reporting.webhooks.replay, callerOf(request), { uuid, body });
  }
}
