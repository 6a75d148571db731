import { ParseIntPipe, type INestApplication, type Type } from '@nestjs/common';
import { PARAMTYPES_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import { PUBLIC_ROUTE } from '@kitos/platform';
import { UuidParamPipe } from '../http/validation';

/** What the running application knows about one route that its OpenAPI decorators do not say. */
export interface RouteFacts {
  /** Reachable without a token (@Public(), read as the AuthenticationGuard reads it). */
  readonly isPublic: boolean;
  /** Path parameters checked by UuidParamPipe. */
  readonly uuidPathParams: readonly string[];
  /** Path parameters checked by ParseIntPipe. */
  readonly integerPathParams: readonly string[];
  /** The classes of whole-object @Query() parameters (their properties become query parameters). */
  readonly queryTypes: readonly Type<unknown>[];
}

interface RouteArg {
  readonly index: number;
  readonly data?: unknown;
  readonly pipes?: readonly unknown[];
}

const isPipe = (type: Type<unknown>) => (pipe: unknown) => pipe === type || pipe instanceof type;

/**
 * The facts of every HTTP route, keyed by the operationId Swagger gives it (the one set with @ApiOperation, else
 * `<Controller>_<method>`, as @nestjs/swagger's default operationIdFactory does).
 */
export function collectRouteFacts(app: INestApplication): Map<string, RouteFacts> {
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | null;
      if (!controller || typeof controller !== 'function') continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const handler = prototype[name] as (...args: unknown[]) => unknown;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const operation = Reflect.getMetadata(DECORATORS.API_OPERATION, handler) as { operationId?: string } | undefined;
        const operationId = operation?.operationId ?? `${controller.name}_${name}`;
        const args = Object.entries((Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, RouteArg>);
        const paramTypes = (Reflect.getMetadata(PARAMTYPES_METADATA, prototype, name) ?? []) as Type<unknown>[];
        const ofKind = (kind: RouteParamtypes) => args.filter(([key]) => Number(key.split(':')[0]) === kind).map(([, arg]) => arg);
        const pathParamsChecked = (pipe: Type<unknown>) =>
          ofKind(RouteParamtypes.PARAM)
            .filter((arg) => typeof arg.data === 'string' && (arg.pipes ?? []).some(isPipe(pipe)))
            .map((arg) => arg.data as string);
        facts.set(operationId, {
          isPublic: reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [handler, controller]) === true,
          uuidPathParams: pathParamsChecked(UuidParamPipe),
          integerPathParams: pathParamsChecked(ParseIntPipe),
          queryTypes: ofKind(RouteParamtypes.QUERY)
            .filter((arg) => arg.data === undefined && typeof paramTypes[arg.index] === 'function')
            .map((arg) => paramTypes[arg.index]),
        });
      }
    }
  }
  return facts;
}
