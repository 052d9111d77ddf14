import { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { AUTH_KINDS, PrincipalKind } from '../auth/auth.decorators';

type Dto = abstract new (...args: never[]) => unknown;

/** What one handler takes, read from the metadata Nest itself routes by: found for every route, new ones included. */
export interface RouteInputs {
  operationId: string;
  body?: Dto;
  /** A whole-query DTO (`@Query() dto`), whose fields become query parameters. */
  queryDto?: Dto;
  /** Single query values (`@Query('name')`). */
  queryNames: string[];
  auth: PrincipalKind[];
}

const PRIMITIVES = new Set<unknown>([String, Number, Boolean, Object, Array, undefined]);

export function operationIdOf(controller: string, method: string): string {
  return `${controller}_${method}`;
}

export function routeInputs(app: INestApplication): Map<string, RouteInputs> {
  const found = new Map<string, RouteInputs>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!type || typeof type !== 'function') continue;
      for (const method of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[method];
        if (typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, type, method) ?? {}) as Record<string, { index: number; data?: unknown }>;
        const types = (Reflect.getMetadata('design:paramtypes', type.prototype, method) ?? []) as unknown[];
        const inputs: RouteInputs = {
          operationId: operationIdOf(type.name, method),
          queryNames: [],
          auth: Reflect.getMetadata(AUTH_KINDS, handler) ?? Reflect.getMetadata(AUTH_KINDS, type) ?? [],
        };
        for (const [key, arg] of Object.entries(args)) {
          const kind = Number(key.split(':')[0]);
          const dto = types[arg.index];
          if (kind === RouteParamtypes.BODY && arg.data === undefined && !PRIMITIVES.has(dto)) inputs.body = dto as Dto;
          if (kind === RouteParamtypes.QUERY && arg.data === undefined && !PRIMITIVES.has(dto)) inputs.queryDto = dto as Dto;
          if (kind === RouteParamtypes.QUERY && typeof arg.data === 'string') inputs.queryNames.push(arg.data);
        }
        found.set(inputs.operationId, inputs);
      }
    }
  }
  return found;
}
