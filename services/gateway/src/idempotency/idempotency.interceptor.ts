import { Injectable, StreamableFile, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { DomainError, ErrorCode } from '@kitos/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, mergeMap, of, type Observable } from 'rxjs';
import { catchError } from 'rxjs/operators';
import { attachCaller, callerOf } from '../http/caller';
import { IDEMPOTENCY_HEADER, parseIdempotencyKey, requestFingerprint, scopedRecordKey, serviceIdempotencyKey } from './idempotency-key';
import { IdempotencyStore } from './idempotency.store';

/** Headers of a kept answer that a replay repeats. */
const KEPT_HEADERS = ['location', 'etag', 'content-type'];
export const REPLAYED_HEADER = 'idempotent-replayed';

/**
 * `Idempotency-Key` on POST (IETF draft-ietf-httpapi-idempotency-key-header): the first request with a key goes ahead
 * and its successful answer is kept for the retention window; the same key with the same request returns that answer
 * again (with `Idempotent-Replayed: true`) and creates nothing; with another request it is 422, and while the first is
 * still being processed 409. Keys are scoped to the signed-in caller. Failed requests (4xx, 5xx) are not kept: they
 * release the key, so a retry is processed again. The key also goes down to the services with the caller
 * (`CallerContext.idempotencyKey`): a create derives the new object's uuid from it, so a retry after a 504 — the
 * gateway gave up, the service wrote — answers with the object made the first time rather than making a second.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (request.method !== 'POST') return next.handle();
    const key = parseIdempotencyKey(request.headers[IDEMPOTENCY_HEADER]);
    const caller = callerOf(request);
    // public POSTs (sign-in) create nothing, and their answers hold credentials that must not be kept
    if (key === undefined || caller.kind !== 'user' || !caller.userUuid) return next.handle();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const recordKey = scopedRecordKey(caller.userUuid, key);
    const fingerprint = requestFingerprint(request.method, request.url, request.body);
    const claim = await this.store.claim(recordKey, fingerprint, Date.now());
    switch (claim.kind) {
      case 'replay':
        for (const [name, value] of Object.entries(claim.answer.headers)) void reply.header(name, value);
        void reply.header(REPLAYED_HEADER, 'true');
        return of(claim.answer.body);
      case 'other-request':
        throw new DomainError(
          ErrorCode.Unprocessable,
          'This Idempotency-Key was already used with a different request; use a new key for a new request',
          [{ field: 'Idempotency-Key', message: 'already used with a different request body or path' }],
        );
      case 'in-flight':
        throw DomainError.conflict('A request with this Idempotency-Key is still being processed; retry when it has been answered');
      case 'claimed': {
        // passed down with the caller: the service itself recognises a repeat whose first answer never came back (504)
        attachCaller(request, { ...caller, idempotencyKey: serviceIdempotencyKey(caller.userUuid, fingerprint, key) });
        const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
        return next.handle().pipe(
          mergeMap((body) =>
            from(
              (async () => {
                if (body instanceof StreamableFile || status >= 300) await this.store.release(recordKey, claim.revision);
                else await this.store.complete(recordKey, claim.revision, fingerprint, { status, headers: keptHeaders(reply), body });
                return body;
              })(),
            ),
          ),
          catchError((error: unknown) =>
            from(
              (async () => {
                await this.store.release(recordKey, claim.revision);
                throw error;
              })(),
            ),
          ),
        );
      }
    }
  }
}

function keptHeaders(reply: FastifyReply): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = reply.getHeader(name);
    if (typeof value === 'string' || typeof value === 'number') headers[name] = String(value);
  }
  return headers;
}
