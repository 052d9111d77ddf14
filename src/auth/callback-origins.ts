import { DomainError } from '@clearance/workflow';
import type { OutboundPolicy, OutboundTrust } from '../publishing/outbound/outbound-policy';
import { clientUpdateHint } from './operator-hint';

/**
 * Callback origins an operator registers for a CMS: `scheme://host[:port]`, or `scheme://host:*` for
 * any port of that host. Stored normalised (lowercase host, default port dropped, IPv4/IDN in their
 * canonical form) by the same WHATWG URL parser that the sender's fetch uses, so what is checked is
 * what is called.
 */
export class CallbackOriginError extends Error {}

const SCHEMES = ['http:', 'https:'];
const ANY_PORT = ':*';
/** scheme://authority then the rest; the rest of an origin may be at most "/". */
const SHAPE = /^([a-z][a-z0-9+.-]*):\/\/([^/?#\\]*)(.*)$/is;

export function parseCallbackOrigin(input: string): string {
  const raw = input.trim();
  const shape = SHAPE.exec(raw);
  if (!shape) throw new CallbackOriginError(`${input} is not an origin: write scheme://host[:port], e.g. https://cms.example.gov.cn`);
  const [, , authority, rest] = shape;
  if (rest !== '' && rest !== '/') throw new CallbackOriginError(`${input} has a path, query or fragment: an origin is scheme://host[:port] only`);
  if (authority.includes('@')) throw new CallbackOriginError(`${input} carries credentials (user:pass@): an origin is scheme://host[:port] only`);
  const anyPort = authority.endsWith(ANY_PORT);
  const hostPort = anyPort ? authority.slice(0, -ANY_PORT.length) : authority;
  if (anyPort && /:[^\]]*$/.test(hostPort)) throw new CallbackOriginError(`${input} names a port and :* at once`);
  let url: URL;
  try {
    url = new URL(`${shape[1]}://${hostPort}/`);
  } catch {
    throw new CallbackOriginError(`${input} is not an origin: write scheme://host[:port], e.g. https://cms.example.gov.cn`);
  }
  if (!SCHEMES.includes(url.protocol)) throw new CallbackOriginError(`${input}: a callback origin is http or https`);
  if (url.hostname.includes('*')) throw new CallbackOriginError(`${input}: host wildcards are not supported; register every host`);
  return anyPort ? `${url.protocol}//${url.hostname}${ANY_PORT}` : `${url.protocol}//${url.host}`;
}

/** The origin of a URL in the stored form, and the any-port form that would also admit it. */
function originsOf(url: URL): [exact: string, anyPort: string] {
  return [`${url.protocol}//${url.host}`, `${url.protocol}//${url.hostname}${ANY_PORT}`];
}

export function isRegisteredOrigin(registered: readonly string[], url: URL): boolean {
  return originsOf(url).some((origin) => registered.includes(origin));
}

/**
 * How a callback to `url` is sent, or null when its origin is not registered. An exact origin
 * (scheme://host:port) is the operator's word for that one endpoint and is trusted as given; a
 * `host:*` registration admits any port, Redis's and PostgreSQL's too, so the address is checked.
 */
export function callbackTrust(registered: readonly string[], url: URL): OutboundTrust | null {
  const [exact, anyPort] = originsOf(url);
  if (registered.includes(exact)) return 'trusted';
  return registered.includes(anyPort) ? 'checked' : null;
}

const refuse = (message: string) => new DomainError('unprocessable', message, 'callbackUrl');

/**
 * A CMS may be called back only at an origin the operator registered for it, never with credentials
 * in the URL; a CMS with no registered origin may not use callbackUrl at all. 422 on callbackUrl.
 */
export function assertCallbackUrlAllowed(client: { name: string; callbackOrigins: readonly string[] }, callbackUrl: string): void {
  let url: URL;
  try {
    url = new URL(callbackUrl);
  } catch {
    throw refuse('callbackUrl must be an http(s) URL');
  }
  if (!SCHEMES.includes(url.protocol)) throw refuse('callbackUrl must be an http(s) URL');
  if (url.username || url.password) throw refuse('callbackUrl must not carry credentials (user:pass@); the callback is signed with the client\'s callback secret instead');
  if (isRegisteredOrigin(client.callbackOrigins, url)) return;
  const [origin] = originsOf(url);
  const hint = clientUpdateHint(client.name, '--callback-origin', origin);
  if (client.callbackOrigins.length === 0) throw refuse(`API client ${client.name} has no registered callback origin, so it may not use callbackUrl; ${hint}`);
  throw refuse(`the origin ${origin} of callbackUrl is not registered for API client ${client.name}; ${hint}`);
}

/** At submission: the origin is registered, and unless it is an exact one, the host resolves only to addresses the policy admits. */
export async function assertCallbackUrlReachable(client: { name: string; callbackOrigins: readonly string[] }, callbackUrl: string, policy: OutboundPolicy): Promise<void> {
  assertCallbackUrlAllowed(client, callbackUrl);
  const url = new URL(callbackUrl);
  if (callbackTrust(client.callbackOrigins, url) === 'checked') await policy.assertAllowed(url, 'callbackUrl');
}
