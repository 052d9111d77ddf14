import type { Actor, Role } from '@clearance/workflow';
import type { ClientUnit } from './client-units';

/** Who is calling: a CMS by its API key, or a person by their token. */
export type Principal =
  /** `units`: the units the operator had registered the client for when this request was authenticated. */
  | { kind: 'client'; clientId: string; name: string; units: ClientUnit[] }
  | { kind: 'user'; userId: string; username: string; roles: Role[]; unitId: string; unitCode: string; sessionId?: string };

export type UserPrincipal = Extract<Principal, { kind: 'user' }>;
export type ClientPrincipal = Extract<Principal, { kind: 'client' }>;

export function actorOf(user: UserPrincipal): Actor {
  return { userId: user.userId, roles: user.roles, unitId: user.unitId };
}

/** The actor string written into audit events. */
export function auditActor(principal: Principal | 'system' | 'cli'): string {
  if (principal === 'system' || principal === 'cli') return principal;
  return principal.kind === 'client' ? `client:${principal.name}` : `user:${principal.username}`;
}

export interface TokenClaims {
  sub: string;
  username: string;
  roles: Role[];
  unit: string;
  unitCode: string;
  /** The session (user_sessions.id) the token belongs to: ending it ends every token renewed from it. */
  sid: string;
}
