import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { map, type Observable } from 'rxjs';
import { kitosEnumOf } from './kitos-enum-integers';

/** KITOS's header (`KitosConstants.cs`): `true` asks for enums as KITOS's integers instead of their names. */
export const ENUM_AS_INTEGER_HEADER = 'x-kitos-serialize-enum-as-integer';

type Class = abstract new (...args: never[]) => unknown;
interface PropertyMetadata {
  readonly type?: unknown;
  readonly enum?: readonly unknown[];
  readonly items?: { readonly enum?: readonly unknown[] };
}

const isClass = (type: unknown): type is Class =>
  typeof type === 'function' && !!(Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, (type as Class).prototype) as unknown);

/** The response class the handler documents for its success answer (`@ApiOkResponse({ type })` and friends). */
export function documentedResponseType(handler: object): Class | undefined {
  const responses = (Reflect.getMetadata(DECORATORS.API_RESPONSE, handler) ?? {}) as Record<string, { type?: unknown }>;
  for (const [status, response] of Object.entries(responses)) {
    const type = Array.isArray(response.type) ? (response.type[0] as unknown) : response.type;
    if (status.startsWith('2') && isClass(type)) return type;
  }
  return undefined;
}

/**
 * A response with every enum property written as KITOS's integer, found through the OpenAPI metadata of the response
 * classes: a property whose `enum` is one KITOS has (kitos-enum-integers.ts) gets the integer of its value; values KITOS
 * does not have, and everything else, stay as they are.
 */
export function enumsAsIntegers(value: unknown, type: Class): unknown {
  if (Array.isArray(value)) return value.map((item) => enumsAsIntegers(item, type));
  if (typeof value !== 'object' || value === null) return value;
  const prototype = type.prototype as object;
  const keys = (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, prototype) ?? []) as string[];
  const result: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key of keys) {
    const name = key.slice(1);
    if (!(name in result)) continue;
    const metadata = (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, prototype, name) ?? {}) as PropertyMetadata;
    const values = metadata.enum ?? metadata.items?.enum;
    if (values) {
      const mapping = kitosEnumOf(values);
      const toInteger = (v: unknown) => (typeof v === 'string' && mapping && v in mapping.integers ? mapping.integers[v] : v);
      result[name] = Array.isArray(result[name]) ? (result[name] as unknown[]).map(toInteger) : toInteger(result[name]);
    } else if (isClass(metadata.type)) result[name] = enumsAsIntegers(result[name], metadata.type);
  }
  return result;
}

/** Applies `X-KITOS-SERIALIZE-ENUM-AS-INTEGER: true` to every JSON answer of the API (KITOS API v2's header). */
@Injectable()
export class EnumAsIntegerInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest | undefined>();
    const header = request?.headers?.[ENUM_AS_INTEGER_HEADER];
    const type =
      context.getType() === 'http' && String(header).toLowerCase() === 'true' ? documentedResponseType(context.getHandler()) : undefined;
    if (!type) return next.handle();
    return next.handle().pipe(map((body: unknown) => enumsAsIntegers(body, type)));
  }
}
