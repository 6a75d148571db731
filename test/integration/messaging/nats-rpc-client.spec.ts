import { randomUUID } from 'node:crypto';
import type { NatsConnection, Subscription } from 'nats';
import { DomainError, ErrorCode, anonymousCaller } from '@kitos/common';
import { CORRELATION_HEADER } from '@kitos/contracts';
import { NatsRpcClient, connectNats } from '@kitos/messaging';
import { testNatsUrl } from '@kitos/testing';

const TIMEOUT_MS = 300;

/** A responder on a fresh subject in the wire format of Nest's NATS transport, answering with `answer(packet)`. */
function respond(nc: NatsConnection, answer: (packet: { pattern: string; data: { caller: unknown; data: unknown } }) => unknown) {
  const subject = `rpc.catalog.test-${randomUUID()}`;
  const seen: Array<{ correlationId: string | undefined; packet: { pattern: string; data: { caller: { correlationId: string } } } }> = [];
  const sub: Subscription = nc.subscribe(subject, {
    callback: (_error, message) => {
      const packet = JSON.parse(new TextDecoder().decode(message.data));
      seen.push({ correlationId: message.headers?.get(CORRELATION_HEADER), packet });
      const reply = answer(packet);
      if (reply !== undefined) message.respond(new TextEncoder().encode(JSON.stringify({ id: packet.id, ...(reply as object) })));
    },
  });
  return { subject, seen, sub };
}

async function failureOf(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('NatsRpcClient (the one request/reply client, against a real NATS)', () => {
  let nc: NatsConnection;
  let sut: NatsRpcClient;

  beforeAll(async () => {
    nc = await connectNats({ url: testNatsUrl(), name: 'rpc-client-spec' });
    sut = new NatsRpcClient(nc, { rpcTimeoutMs: TIMEOUT_MS });
  });

  afterAll(async () => {
    await nc.drain();
  });

  it("sends the caller, the data and the correlation header in Nest's wire format and returns the response", async () => {
    const responder = respond(nc, (packet) => ({ response: { echoed: packet.data.data } }));
    const caller = anonymousCaller('corr-1');

    await expect(sut.request(responder.subject, caller, { a: 1 })).resolves.toEqual({ echoed: { a: 1 } });

    expect(responder.seen).toHaveLength(1);
    expect(responder.seen[0].correlationId).toBe('corr-1');
    expect(responder.seen[0].packet.pattern).toBe(responder.subject);
    expect(responder.seen[0].packet.data.caller).toEqual(caller);
    responder.sub.unsubscribe();
  });

  it('throws the error the other service answered with as that DomainError, field errors included', async () => {
    const errors = [{ field: 'name', message: 'required' }];
    const responder = respond(nc, () => ({ err: { code: ErrorCode.BadInput, message: 'bad', errors } }));

    const error = await failureOf(sut.request(responder.subject, anonymousCaller('c'), {}));

    expect(error.code).toBe(ErrorCode.BadInput);
    expect(error.errors).toEqual(errors);
    responder.sub.unsubscribe();
  });

  it('answers an undecodable error reply with INTERNAL', async () => {
    const responder = respond(nc, () => ({ err: 'something odd' }));
    expect((await failureOf(sut.request(responder.subject, anonymousCaller('c'), {}))).code).toBe(ErrorCode.Internal);
    responder.sub.unsubscribe();
  });

  it('is 503 at once when no service listens and 504 when none answers in time', async () => {
    const nobody = await failureOf(sut.request(`rpc.catalog.nobody-${randomUUID()}`, anonymousCaller('c'), {}));
    expect(nobody.code).toBe(ErrorCode.Unavailable);
    expect(nobody.message).toContain('catalog');

    const silent = respond(nc, () => undefined);
    const started = Date.now();
    const late = await failureOf(sut.request(silent.subject, anonymousCaller('c'), {}));
    expect(late.code).toBe(ErrorCode.Timeout);
    expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    silent.sub.unsubscribe();
  });

  describe('as the service itself', () => {
    it('sends a system caller with a fresh correlation id', async () => {
      const responder = respond(nc, () => ({ response: 'ok' }));

      await expect(sut.systemRequest(responder.subject, {})).resolves.toBe('ok');
      await sut.systemRequest(responder.subject, {});

      const [first, second] = responder.seen;
      expect(first.packet.data.caller).toMatchObject({ kind: 'system' });
      expect(first.correlationId).toBe(first.packet.data.caller.correlationId);
      expect(first.correlationId).not.toBe(second.correlationId);
      responder.sub.unsubscribe();
    });

    it('passes BAD_INPUT and NOT_FOUND on by default and makes any other refusal 503', async () => {
      let code: ErrorCode = ErrorCode.BadInput;
      const responder = respond(nc, () => ({ err: { code, message: 'refused' } }));

      expect((await failureOf(sut.systemRequest(responder.subject, {}))).code).toBe(ErrorCode.BadInput);
      code = ErrorCode.NotFound;
      expect((await failureOf(sut.systemRequest(responder.subject, {}))).code).toBe(ErrorCode.NotFound);
      code = ErrorCode.Forbidden;
      const other = await failureOf(sut.systemRequest(responder.subject, {}));
      expect(other.code).toBe(ErrorCode.Unavailable);
      expect(other.message).toBe(`The catalog service could not answer (${ErrorCode.Forbidden})`);
      code = ErrorCode.BadInput;
      expect((await failureOf(sut.systemRequest(responder.subject, {}, { passOn: [] }))).code).toBe(ErrorCode.Unavailable);
      responder.sub.unsubscribe();
    });

    it('finds null for NOT_FOUND, passes BAD_INPUT on unless told otherwise', async () => {
      let code: ErrorCode = ErrorCode.NotFound;
      const responder = respond(nc, () => ({ err: { code, message: 'refused' } }));

      await expect(sut.systemFind(responder.subject, {})).resolves.toBeNull();
      await expect(sut.systemFind(responder.subject, {}, { passOn: [] })).resolves.toBeNull();
      code = ErrorCode.BadInput;
      expect((await failureOf(sut.systemFind(responder.subject, {}))).code).toBe(ErrorCode.BadInput);
      expect((await failureOf(sut.systemFind(responder.subject, {}, { passOn: [] }))).code).toBe(ErrorCode.Unavailable);
      responder.sub.unsubscribe();
    });

    it('keeps the bus failures: 504 on a timeout is not turned into 503', async () => {
      const silent = respond(nc, () => undefined);
      expect((await failureOf(sut.systemFind(silent.subject, {}))).code).toBe(ErrorCode.Timeout);
      silent.sub.unsubscribe();
    });
  });
});
