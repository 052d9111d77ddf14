import { DomainError } from '@clearance/workflow';
import { lookup as dnsLookup, LookupAddress, LookupOptions } from 'node:dns';
import { Cidr, embeddedIpv4, formatIp, inCidr, IpAddress, parseCidr, parseIp } from './ip-address';

/**
 * `trusted`: registered by the operator with the CLI, sent to as given. `checked`: supplied by a unit
 * administrator or a CMS, sent to only at addresses the policy admits, checked on every connection.
 */
export type OutboundTrust = 'trusted' | 'checked';

/** Resolves a host name to every address it has, as getaddrinfo would for a connection. */
export type HostResolver = (hostname: string) => Promise<LookupAddress[]>;

/** Refused at add time with 422 on the field that named the URL. */
export class OutboundRefusedError extends DomainError {
  constructor(message: string, field?: string) {
    super('unprocessable', message, field);
  }
}

/** Raised inside a connection's lookup, so the request fails before a socket is opened. */
export class OutboundAddressError extends Error {
  readonly code = 'EOUTBOUNDREFUSED';
}

const REFUSED: ReadonlyArray<[cidr: string, kind: string]> = [
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'shared (CGNAT)'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'IETF protocol'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'benchmarking'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['2001::/32', 'Teredo'],
  ['fc00::/7', 'private (unique local)'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'site-local'],
  ['ff00::/8', 'multicast'],
];
const REFUSED_CIDRS = REFUSED.map(([text, kind]) => ({ cidr: parseCidr(text)!, kind }));

/** Cloud metadata services by name; their addresses are link-local or CGNAT and refused as such too. */
const METADATA_NAMES = new Set(['metadata', 'metadata.google.internal', 'metadata.goog', 'instance-data', 'instance-data.ec2.internal', 'metadata.tencentyun.com', 'metadata.azure.internal']);

const HINT = 'the operator may allow that network with OUTBOUND_ALLOW, or register the endpoint with the CLI';

const systemResolver: HostResolver = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/** Where Clearance may send what others told it to: public addresses, and the networks OUTBOUND_ALLOW names. */
export class OutboundPolicy {
  private readonly allowed: Cidr[];

  constructor(allow: readonly string[], private readonly resolver: HostResolver = systemResolver) {
    this.allowed = allow.map((text) => {
      const cidr = parseCidr(text);
      if (!cidr) throw new Error(`not a network: ${text}`);
      return cidr;
    });
  }

  /** Why the policy refuses the address, or null when it may be connected to. */
  refusalOfAddress(ip: IpAddress): string | null {
    const candidates = [ip, embeddedIpv4(ip)].filter((a): a is IpAddress => a !== null);
    if (candidates.some((a) => this.allowed.some((cidr) => inCidr(a, cidr)))) return null;
    for (const candidate of candidates) {
      const refused = REFUSED_CIDRS.find(({ cidr }) => inCidr(candidate, cidr));
      if (refused) return refused.kind;
    }
    return null;
  }

  /** What can be told from the URL alone: scheme, credentials, a metadata name, a literal address. */
  refusalOfUrl(url: URL): string | null {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'only http and https URLs may be sent to';
    if (url.username || url.password) return 'the URL carries credentials (user:pass@); webhooks are authenticated by their signature';
    const host = hostOf(url);
    if (METADATA_NAMES.has(host)) return `${host} is a cloud metadata service`;
    const ip = parseIp(host);
    if (!ip) return null;
    const kind = this.refusalOfAddress(ip);
    return kind ? `${formatIp(ip)} is a ${kind} address; ${HINT}` : null;
  }

  /** Add-time check: the URL and every address its host resolves to now. Throws 422 on `field`. */
  async assertAllowed(input: string | URL, field: string): Promise<void> {
    let url: URL;
    try {
      url = typeof input === 'string' ? new URL(input) : input;
    } catch {
      throw new OutboundRefusedError(`${field} must be an http(s) URL`, field);
    }
    const refusal = this.refusalOfUrl(url);
    if (refusal) throw new OutboundRefusedError(`${field} is refused: ${refusal}`, field);
    const host = hostOf(url);
    if (parseIp(host)) return;
    let addresses: LookupAddress[];
    try {
      addresses = await this.resolver(host);
    } catch {
      throw new OutboundRefusedError(`${field} is refused: the host ${host} does not resolve`, field);
    }
    const kind = this.firstRefusal(addresses);
    if (addresses.length === 0) throw new OutboundRefusedError(`${field} is refused: the host ${host} does not resolve`, field);
    // The address itself is not told: a CMS must not learn the internal DNS by probing names.
    if (kind) throw new OutboundRefusedError(`${field} is refused: the host ${host} resolves to a ${kind} address; ${HINT}`, field);
  }

  private firstRefusal(addresses: LookupAddress[]): string | null {
    for (const { address } of addresses) {
      const ip = parseIp(address);
      const kind = ip ? this.refusalOfAddress(ip) : 'unparseable';
      if (kind) return kind;
    }
    return null;
  }

  /**
   * For http.request: resolves, refuses the connection if any address is refused, and hands the
   * socket the checked addresses, so what was checked is what is connected to (no DNS rebinding).
   */
  readonly lookup = (
    hostname: string,
    options: LookupOptions,
    callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    const host = hostname.replace(/\.$/, '').toLowerCase();
    if (METADATA_NAMES.has(host)) {
      callback(new OutboundAddressError(`${host} is a cloud metadata service`), '', 0);
      return;
    }
    this.resolver(host).then(
      (all) => {
        const wanted = options.family === 4 || options.family === 6 ? all.filter((a) => a.family === options.family) : all;
        const kind = this.firstRefusal(all);
        if (kind || wanted.length === 0) {
          callback(new OutboundAddressError(kind ? `the host resolves to a ${kind} address` : 'the host does not resolve'), '', 0);
          return;
        }
        if (options.all) callback(null, wanted);
        else callback(null, wanted[0].address, wanted[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

/** The host as connected to: lowercase, no brackets around IPv6, no trailing dot. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
}
