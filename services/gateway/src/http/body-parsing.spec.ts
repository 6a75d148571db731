import { DomainError } from '@kitos/common';
import Fastify from 'fastify';
import { JSON_MAX_DEPTH, forbiddenKeyPath, installBodyParsers, jsonDepthExceeds, parseFormBody, parseJsonBody } from './body-parsing';

const fieldsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).errors.map((e) => e.field);
  }
  throw new Error('expected a refusal');
};

describe('gateway body parsing', () => {
  it('counts nesting outside strings only, and stops at the limit', () => {
    expect(jsonDepthExceeds('{"a":[{"b":1}]}', 3)).toBe(false);
    expect(jsonDepthExceeds('{"a":[{"b":[1]}]}', 3)).toBe(true);
    expect(jsonDepthExceeds('{"a":"[[[[{{{{\\"[[["}', 1)).toBe(false);
    expect(jsonDepthExceeds('['.repeat(1_000_000), JSON_MAX_DEPTH)).toBe(true);
  });

  it('parses JSON within the limits', () => {
    expect(parseJsonBody(Buffer.from('{"name":"Æble","tags":["ø"]}'))).toEqual({ name: 'Æble', tags: ['ø'] });
    expect(parseJsonBody(Buffer.from('null'))).toBeNull();
    const deepest = '['.repeat(JSON_MAX_DEPTH) + ']'.repeat(JSON_MAX_DEPTH);
    expect(() => parseJsonBody(Buffer.from(deepest))).not.toThrow();
  });

  it('refuses too deep, malformed, non-UTF-8 and prototype-polluting bodies with a field', () => {
    const tooDeep = '['.repeat(JSON_MAX_DEPTH + 1) + ']'.repeat(JSON_MAX_DEPTH + 1);
    expect(fieldsOf(() => parseJsonBody(Buffer.from(tooDeep)))).toEqual(['body']);
    expect(fieldsOf(() => parseJsonBody(Buffer.from('{"a":')))).toEqual(['body']);
    expect(fieldsOf(() => parseJsonBody(Buffer.from([0x22, 0xc3, 0x28, 0x22])))).toEqual(['body']);
    expect(fieldsOf(() => parseJsonBody(Buffer.from('{"a":[{"__proto__":{"x":1}}]}')))).toEqual(['a[0].__proto__']);
    expect(fieldsOf(() => parseJsonBody(Buffer.from('{"constructor":{"prototype":{}}}')))).toEqual(['constructor']);
    expect(fieldsOf(() => parseFormBody(Buffer.from('SAMLResponse=x&prototype=1')))).toEqual(['prototype']);
  });

  it('refuses text the store cannot keep: NUL characters and lone surrogates, in values and keys', () => {
    expect(fieldsOf(() => parseJsonBody(Buffer.from('{"name":"Q\\u0000x"}')))).toEqual(['name']);
    expect(fieldsOf(() => parseJsonBody(Buffer.from('{"phases":{"phase2":"a\\udacdb"}}')))).toEqual(['phases.phase2']);
    expect(fieldsOf(() => parseJsonBody(Buffer.from('{"tags":["ok","\\udd5b"]}')))).toEqual(['tags[1]']);
    expect(fieldsOf(() => parseJsonBody(Buffer.from('{"a\\u0000":1}')))).toEqual(['a\u0000']);
    expect(fieldsOf(() => parseJsonBody(Buffer.from('"\\u0000"')))).toEqual(['body']);
    // a surrogate pair (an emoji written as escapes) is valid Unicode
    expect(parseJsonBody(Buffer.from('{"name":"\\ud83d\\ude00 Æ"}'))).toEqual({ name: '\u{1F600} Æ' });
  });

  it('finds forbidden keys as own properties only', () => {
    expect(forbiddenKeyPath({ a: { b: [1, { c: 2 }] } })).toBeUndefined();
    expect(forbiddenKeyPath(JSON.parse('{"a":{"__proto__":1}}'))).toBe('a.__proto__');
  });

  it('parses forms into plain objects', () => {
    expect(parseFormBody(Buffer.from('SAMLResponse=abc%2B&RelayState=x'))).toEqual({ SAMLResponse: 'abc+', RelayState: 'x' });
  });

  it('accepts application/scim+json on /scim/ routes only, under the same rules as JSON', async () => {
    const app = Fastify();
    installBodyParsers(app, 10_000);
    // as the gateway's problem filter does: a refusal of the parser is the client's fault
    app.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) =>
      reply.status(error instanceof DomainError ? 400 : (error.statusCode ?? 500)).send({ detail: error.message }),
    );
    app.post('/scim/v2/Users', async (request) => request.body);
    app.post('/api/v2/users', async (request) => request.body);
    const send = (url: string, payload: string) =>
      app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/scim+json; charset=utf-8' } });
    const accepted = await send('/scim/v2/Users', '{"userName":"a@b.dk"}');
    expect([accepted.statusCode, accepted.json()]).toEqual([200, { userName: 'a@b.dk' }]);
    expect((await send('/api/v2/users', '{"userName":"a@b.dk"}')).statusCode).toBe(415);
    expect((await send('/scim/v2/Users', '{"constructor":{"prototype":1}}')).statusCode).toBe(400);
    expect((await send('/scim/v2/Users', '['.repeat(JSON_MAX_DEPTH + 1))).statusCode).toBe(400);
    await app.close();
  });
});
