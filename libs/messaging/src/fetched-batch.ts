import type { ConsumerMessages, JsMsg } from 'nats';

interface Waiting {
  readonly msg: JsMsg;
  /** When the server's ack-wait clock of this message last started: its receipt or its last `working()`. */
  since: number;
}

/**
 * The messages of one pull request, read off the client's iterator as they arrive and handed out one at a time in
 * arrival (stream) order. Holding them here, instead of in the iterator, lets the consumer reach the ones not yet
 * handled: to keep their ack-wait clocks from running out while the messages ahead of them are handled, and to
 * release them when it stops.
 */
export class FetchedBatch {
  private readonly waiting: Waiting[] = [];
  private ended = false;
  private failure: unknown;
  private wake?: () => void;

  constructor(messages: ConsumerMessages) {
    void this.read(messages);
  }

  /** The next message and how long its ack-wait clock has been running; undefined once the pull ended and all were handed out. */
  async next(): Promise<{ msg: JsMsg; waitedMs: number } | undefined> {
    while (this.waiting.length === 0 && !this.ended) await new Promise<void>((resolve) => (this.wake = resolve));
    const head = this.waiting.shift();
    return head && { msg: head.msg, waitedMs: Date.now() - head.since };
  }

  /** Why the pull ended, if it failed (a deleted consumer, a lost connection); known once next() returned undefined. */
  get error(): unknown {
    return this.failure;
  }

  /**
   * Tells the server that the messages not handed out yet are still in hand (`+WPI`), restarting their ack-wait clocks.
   * Never throws (it runs on a timer): on a closed connection there is nothing left to keep alive.
   */
  keepAlive(): void {
    const now = Date.now();
    for (const entry of this.waiting) {
      try {
        entry.msg.working();
        entry.since = now;
      } catch {
        return;
      }
    }
  }

  private async read(messages: ConsumerMessages): Promise<void> {
    try {
      for await (const msg of messages) {
        this.waiting.push({ msg, since: Date.now() });
        this.wake?.();
      }
    } catch (error) {
      this.failure = error;
    } finally {
      this.ended = true;
      this.wake?.();
    }
  }
}
