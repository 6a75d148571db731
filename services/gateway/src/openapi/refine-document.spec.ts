import type { OpenAPIObject } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString } from 'class-validator';
import { refineDocument } from './refine-document';
import type { RouteFacts } from './route-facts';

class WidgetQuery {
  @IsOptional()
  @IsInt()
  page?: number;
}

class CreateWidgetRequest {
  @IsString()
  name!: string;

  @IsInt({ each: true })
  sizes!: number[];

  @IsOptional()
  weight?: number;
}

const facts = (over: Partial<RouteFacts> = {}): RouteFacts => ({
  isPublic: false,
  uuidPathParams: [],
  integerPathParams: [],
  queryTypes: [],
  ...over,
});

function documentWith(): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/widgets/{uuid}/{n}': {
        get: {
          operationId: 'Widgets_get',
          tags: ['widgets'],
          parameters: [
            { name: 'uuid', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'n', in: 'path', required: true, schema: { type: 'number' } },
            { name: 'page', in: 'query', required: false, schema: { type: 'number' } },
          ],
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Widget' } } } } },
        },
      },
      '/widgets': {
        post: {
          operationId: 'Widgets_create',
          tags: ['widgets'],
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/CreateWidgetRequest' } } } },
          responses: { '201': { description: 'created' } },
        },
      },
      '/login': {
        post: { operationId: 'Auth_login', tags: ['auth'], responses: { '200': { description: 'ok' } } },
      },
    },
    components: {
      schemas: {
        CreateWidgetRequest: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            sizes: { type: 'array', items: { type: 'number' } },
            weight: { type: 'number' },
            part: { $ref: '#/components/schemas/WidgetPart' },
          },
        },
        WidgetPart: { type: 'object', properties: { label: { type: 'string' } } },
        Widget: { type: 'object', properties: { name: { type: 'string' } } },
      },
    },
  };
}

const ROUTES = new Map<string, RouteFacts>([
  ['Widgets_get', facts({ uuidPathParams: ['uuid'], integerPathParams: ['n'], queryTypes: [WidgetQuery] })],
  ['Widgets_create', facts()],
  ['Auth_login', facts({ isPublic: true })],
]);
const TAGS = { widgets: 'Widgets and their parts', auth: 'Tokens' };
const CLASSES = new Map<string, new () => unknown>([['CreateWidgetRequest', CreateWidgetRequest]]);

describe('refineDocument', () => {
  const sut = () => refineDocument(documentWith(), { routes: ROUTES, tags: TAGS, classes: CLASSES });

  it('requires the bearer token on protected operations, with a 401 answer, and none on public ones', () => {
    const document = sut();
    expect(document.paths['/widgets'].post?.security).toEqual([{ bearer: [] }]);
    expect(document.paths['/widgets'].post?.responses['401']).toMatchObject({ description: 'No or invalid token' });
    expect(document.paths['/login'].post?.security).toEqual([]);
  });

  it('types path parameters from the pipes that check them and query parameters from @IsInt()', () => {
    const parameters = sut().paths['/widgets/{uuid}/{n}'].get?.parameters as Array<{ name: string; schema: object }>;
    expect(Object.fromEntries(parameters.map((p) => [p.name, p.schema]))).toEqual({
      uuid: { type: 'string', format: 'uuid' },
      n: { type: 'integer' },
      page: { type: 'integer' },
    });
  });

  it('makes @IsInt() properties integers, element by element for each: true, and leaves other numbers alone', () => {
    const schema = sut().components?.schemas?.CreateWidgetRequest as { properties: Record<string, object> };
    expect(schema.properties.sizes).toEqual({ type: 'array', items: { type: 'integer' } });
    expect(schema.properties.weight).toEqual({ type: 'number' });
  });

  it('closes every schema a request body reaches and no response schema', () => {
    const schemas = sut().components?.schemas as Record<string, { additionalProperties?: boolean }>;
    expect(schemas.CreateWidgetRequest.additionalProperties).toBe(false);
    expect(schemas.WidgetPart.additionalProperties).toBe(false);
    expect(schemas.Widget.additionalProperties).toBeUndefined();
  });

  it('declares the tags in use with their descriptions', () => {
    expect(sut().tags).toEqual([
      { name: 'widgets', description: 'Widgets and their parts' },
      { name: 'auth', description: 'Tokens' },
    ]);
  });

  it('never throws: an operation without a route keeps no security, a tag without a description is declared bare (both fail the lint)', () => {
    const unrouted = refineDocument(documentWith(), { routes: new Map(), tags: TAGS, classes: CLASSES });
    expect(unrouted.paths['/widgets'].post?.security).toBeUndefined();
    const undescribed = refineDocument(documentWith(), { routes: ROUTES, tags: { widgets: 'w' }, classes: CLASSES });
    expect(undescribed.tags).toEqual([{ name: 'widgets', description: 'w' }, { name: 'auth' }]);
  });
});
