import { Module } from '@nestjs/common';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookFanout } from './webhook-fanout';
import { WebhookReplay } from './webhook-replay';
import { WebhookStore } from './webhook.store';
import { WebhooksHandlers } from './webhooks.handlers';

/** Webhook subscriptions: every service's events, filtered, signed and posted to external systems. */
@Module({
  controllers: [WebhooksHandlers],
  providers: [WebhookStore, WebhookDispatcher, WebhookFanout, WebhookReplay],
})
export class WebhooksModule {}
