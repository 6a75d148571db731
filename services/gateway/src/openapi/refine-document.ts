import type { Type } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { IS_INT, getMetadataStorage } from 'class-validator';
import type { RouteFacts } from './route-facts';

export const BEARER = 'bearer';
const PROBLEM_REF = { $ref: '#/components/schemas/ProblemDetails' };
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

type Schema = SchemaObject | ReferenceObject;

export interface RefineOptions {
  /** Facts of every route by operationId (see collectRouteFacts). */
  readonly routes: ReadonlyMap<string, RouteFacts>;
  /** A description for every tag an operation uses. */
  readonly tags: Readonly<Record<string, string>>;
  /** Classes by schema name, for the integer rule (defaults to every class class-validator knows). */
  readonly classes?: ReadonlyMap<string, Type<unknown>>;
}

/**
 * What the decorators cannot say, taken from the code that enforces it, so the document cannot drift from the behaviour:
 * - security: `security: []` on @Public() routes, the bearer requirement on every other one, which also answers 401;
 * - `format: uuid` on path parameters checked by UuidParamPipe, `integer` on those checked by ParseIntPipe;
 * - `integer` where class-validator's @IsInt() refuses decimals (schema properties and query parameters);
 * - `additionalProperties: false` on every schema a JSON request body reaches: the ValidationPipe (and the services'
 *   validateInto) refuse properties a class does not declare;
 * - the tags, declared with their descriptions.
 * It never throws (the gateway must start whatever its documentation says): an operation without a route behind it keeps
 * no security and a tag without a description is declared without one, and Redocly's lint (security-defined,
 * tag-description: errors in redocly.yaml) fails `npm run openapi:check` on either.
 */
export function refineDocument(document: OpenAPIObject, options: RefineOptions): OpenAPIObject {
  const classes = options.classes ?? validatedClasses();
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  const usedTags = new Set<string>();
  const requestSchemas = new Set<string>();
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as OperationObject | undefined;
      if (!operation) continue;
      const facts = operation.operationId ? options.routes.get(operation.operationId) : undefined;
      for (const tag of operation.tags ?? []) usedTags.add(tag);
      if (!facts) continue;
      secure(operation, facts);
      const parameters = (operation.parameters ?? []) as ParameterObject[];
      for (const parameter of parameters) {
        const schema = parameter.schema as SchemaObject | undefined;
        if (!schema) continue;
        if (parameter.in === 'path' && facts.uuidPathParams.includes(parameter.name)) schema.format = 'uuid';
        if (parameter.in === 'path' && facts.integerPathParams.includes(parameter.name)) toInteger(schema);
        if (parameter.in === 'query' && facts.queryTypes.some((type) => integerProperties(type).has(parameter.name))) toInteger(schema);
      }
      const body = operation.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined;
      for (const [mediaType, content] of Object.entries(body?.content ?? {}))
        if (mediaType === 'application/json' && content.schema) collectRefs(content.schema, schemas, requestSchemas);
    }
  }
  for (const [name, schema] of Object.entries(schemas)) {
    if ('$ref' in schema) continue;
    const cls = classes.get(name);
    if (cls) integersOf(schema, integerProperties(cls));
    if (requestSchemas.has(name) && schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
  }
  const described = Object.keys(options.tags).filter((name) => usedTags.has(name));
  const undescribed = [...usedTags].filter((name) => !options.tags[name]);
  document.tags = [...described, ...undescribed].map((name) => (options.tags[name] ? { name, description: options.tags[name] } : { name }));
  return document;
}

function secure(operation: OperationObject, facts: RouteFacts): void {
  operation.security = facts.isPublic ? [] : [{ [BEARER]: [] }];
  operation.responses['401'] ??= {
    description: facts.isPublic ? 'A token was sent and is not valid (the operation needs none)' : 'No or invalid token',
    content: { 'application/problem+json': { schema: PROBLEM_REF } },
  } satisfies ResponseObject;
}

/** Names of the schemas a schema refers to, followed transitively. */
function collectRefs(schema: Schema | undefined, schemas: Record<string, Schema>, into: Set<string>): void {
  if (!schema) return;
  if ('$ref' in schema) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    if (into.has(name)) return;
    into.add(name);
    collectRefs(schemas[name], schemas, into);
    return;
  }
  for (const nested of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) collectRefs(nested, schemas, into);
  if (schema.items) collectRefs(schema.items, schemas, into);
  for (const property of Object.values(schema.properties ?? {})) collectRefs(property, schemas, into);
  if (typeof schema.additionalProperties === 'object') collectRefs(schema.additionalProperties, schemas, into);
}

/** Property name → whether each array element (rather than the value) is the integer. */
function integerProperties(cls: Type<unknown>): Map<string, boolean> {
  const result = new Map<string, boolean>();
  for (const meta of getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false))
    if (meta.name === IS_INT) result.set(meta.propertyName, meta.each === true);
  return result;
}

function integersOf(schema: SchemaObject, integers: Map<string, boolean>): void {
  for (const [name, each] of integers) {
    const property = schema.properties?.[name];
    if (!property || '$ref' in property) continue;
    if (each && property.items && !('$ref' in property.items)) toInteger(property.items);
    else toInteger(property);
  }
}

function toInteger(schema: SchemaObject): void {
  if (schema.type === 'number') schema.type = 'integer';
}

/** Every class that carries class-validator decorators, by name (the name Swagger gives its schema). */
function validatedClasses(): Map<string, Type<unknown>> {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Type<unknown>, unknown> };
  const result = new Map<string, Type<unknown>>();
  for (const cls of storage.validationMetadatas.keys()) if (typeof cls === 'function') result.set(cls.name, cls);
  return result;
}
