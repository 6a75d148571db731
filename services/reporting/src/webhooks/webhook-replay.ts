import { Inject, Injectable, Logger } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import { NATS_CONNECTION } from '@kitos/messaging';
import { lastMessageOf, PRODUCER_STREAMS, readStream } from '../read-models/stream-reader';
import { WebhookDispatcher } from './webhook-dispatcher';
import type { SubscriptionDoc } from './webhook.store';

/** Re-sends past events from the producers' JetStream streams to one subscription, each as a new (replay) delivery. */
@Injectable()
export class WebhookReplay {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  private readonly logger = new Logger(WebhookReplay.name);

  /**
   * Queues the events since `from` again. Answers once done or after `answerWithinMs` (so that a long period does not
   * outlast the caller's request timeout), whichever comes first; in the latter case the replay goes on in the
   * background and `complete` is false.
   */
  async replay(
    subscription: SubscriptionDoc,
    from: Date,
    replayId: string,
    answerWithinMs: number,
  ): Promise<{ queued: number; complete: boolean }> {
    const progress = { queued: 0 };
    const work = Promise.all(PRODUCER_STREAMS.map((stream) => this.replayStream(stream, subscription, from, replayId, progress))).then(
      () => true,
    );
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), answerWithinMs)));
    const complete = await Promise.race([work, budget]).finally(() => clearTimeout(timer));
    if (!complete)
      work.catch((error: Error) => this.logger.error(`replay ${replayId} of subscription ${subscription._id} stopped: ${error.message}`));
    return { queued: progress.queued, complete };
  }

  private async replayStream(
    stream: string,
    subscription: SubscriptionDoc,
    from: Date,
    replayId: string,
    progress: { queued: number },
  ): Promise<void> {
    const last = await lastMessageOf(this.nc, stream);
    // Nothing at or after `from`: no consumer, and no fetch waiting for messages that will not come.
    if (!last.at || last.at.getTime() < from.getTime()) return;
    for await (const { event } of readStream(this.nc, stream, from, last.seq)) {
      if (!event || Date.parse(event.occurredAt) < from.getTime()) continue; // invalid messages: the live consumers dead-letter them
      progress.queued += await this.dispatcher.enqueue(event, replayId, [subscription]);
    }
  }
}
