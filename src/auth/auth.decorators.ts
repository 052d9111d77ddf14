import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';
import { AuthGuard } from './auth.guard';
import type { Principal } from './principal';

export type PrincipalKind = Principal['kind'];
export const AUTH_KINDS = 'clearance:auth-kinds';

/** Who may call: a CMS by X-Api-Key, a person by Bearer token, or either. */
export function Auth(...kinds: PrincipalKind[]): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(AUTH_KINDS, kinds), UseGuards(AuthGuard));
}

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<{ principal: Principal }>().principal;
});
