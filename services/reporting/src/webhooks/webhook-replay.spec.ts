import type { NatsConnection } from 'nats';
import type { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookReplay } from './webhook-replay';
import type { SubscriptionDoc } from './webhook.store';

jest.mock('../read-models/stream-reader', () => ({
  PRODUCER_STREAMS: ['CATALOG'],
  lastMessageOf: async () => ({ seq: 3, at: new Date('2030-01-01T00:00:00Z') }),
  readStream: async function* () {
    for (let seq = 1; seq <= 3; seq++) yield { seq, event: { occurredAt: '2029-06-01T00:00:00Z' } };
  },
}));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('WebhookReplay', () => {
  const subscription = { _id: 'sub' } as SubscriptionDoc;
  const replayWith = (enqueueMs: number) => {
    const enqueued: number[] = [];
    const dispatcher = {
      enqueue: async () => {
        await sleep(enqueueMs);
        enqueued.push(1);
        return 1;
      },
    } as unknown as WebhookDispatcher;
    return { replay: new WebhookReplay({} as NatsConnection, dispatcher), enqueued };
  };

  it('answers complete when the replay ends within the time budget', async () => {
    const { replay } = replayWith(1);
    expect(await replay.replay(subscription, new Date('2029-01-01T00:00:00Z'), 'r1', 1000)).toEqual({ queued: 3, complete: true });
  });

  it('answers after the time budget with what was queued so far, and goes on in the background', async () => {
    const { replay, enqueued } = replayWith(60);
    const answer = await replay.replay(subscription, new Date('2029-01-01T00:00:00Z'), 'r2', 90);
    expect(answer).toEqual({ queued: 1, complete: false });
    await sleep(250);
    expect(enqueued).toHaveLength(3);
  });
});
