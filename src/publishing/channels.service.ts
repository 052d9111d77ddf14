import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Actor, assertAdmin, assertMayAddChannel, assertMayManageChannel, canSeeChannel, DomainError, mayReleaseTo, StateConflictError } from '@clearance/workflow';
import { Unit } from '../auth/entities/unit.entity';
import { AuditService } from '../audit/audit.service';
import { sql, SqlCondition } from '../database/raw-sql';
import { inTransaction } from '../database/transaction';
import { Channel } from './entities/channel.entity';
import { OutboundPolicy } from './outbound/outbound-policy';
import { decodeSecret, newChannelSecret, WebhookSecretError } from './webhook-signature';

export const CHANNEL_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const MAX_SECRETS = 2;

/** A channel as shown to operators: never its secrets, only how many it has. */
export interface ChannelView {
  name: string;
  url: string;
  /** Code of the owning unit; null for a service-wide channel. */
  unit: string | null;
  active: boolean;
  secrets: number;
  /** Registered by the operator, sent to as given; otherwise its address is checked on every send. */
  trusted: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface AddChannelInput {
  name: string;
  url: string;
  /** whsec_…; generated when absent. */
  secret?: string;
  /** Code of the owning unit; absent or null for a service-wide channel. */
  unit?: string | null;
}

/**
 * Who manages channels: the operator through the CLI, any channel; or a secrecy administrator through
 * the API, who sees the service-wide channels and their own unit's and changes only their unit's.
 */
export type ChannelManager = 'operator' | Actor;

/** Registers, lists and retires publishing channels, and rotates their secrets; every change is audited. */
@Injectable()
export class ChannelsService {
  constructor(private readonly em: EntityManager, private readonly audit: AuditService, private readonly outbound: OutboundPolicy) {}

  /** The names among `names` that items of the unit may not be released to: missing, deactivated or another unit's. */
  async unknown(names: string[], unitId: string): Promise<string[]> {
    if (names.length === 0) return [];
    // A plain statement: every submission runs it.
    const found = await sql<{ name: string; active: boolean | number; unit_id: string | null }>(this.em, `select name, active, unit_id from channels where name in (${names.map(() => '?').join(', ')})`, names);
    const allowed = new Set(found.filter((c) => mayReleaseTo(unitId, { owner: c.unit_id, active: Boolean(c.active) })).map((c) => c.name));
    return names.filter((n) => !allowed.has(n));
  }

  /**
   * `unknown` as one SQL condition over the channels table, true when it would return none: mayReleaseTo
   * (active, and service-wide or the unit's own) for every name. The names are distinct (assertSubmittable).
   */
  noneUnknownSql(names: string[], unitId: string): SqlCondition {
    if (names.length === 0) return { text: 'true', params: [] };
    return {
      text: `(select count(*) from channels c where c.name in (${names.map(() => '?').join(', ')}) and c.active and (c.unit_id is null or c.unit_id = ?)) = ?`,
      params: [...names, unitId, names.length],
    };
  }

  async list(by: ChannelManager): Promise<ChannelView[]> {
    if (by !== 'operator') assertAdmin(by);
    const all = await this.em.fork().find(Channel, {}, { orderBy: { name: 'asc' }, populate: ['unit'] });
    return all.filter((c) => by === 'operator' || canSeeChannel(by, ownerOf(c))).map(view);
  }

  /** Adds a channel, or brings a deactivated one of the same owner back with a new URL and secret. Returns the secret when it was generated here. */
  async add(input: AddChannelInput, by: ChannelManager, actor: string): Promise<{ channel: ChannelView; secret?: string }> {
    if (by !== 'operator') assertAdmin(by);
    if (!CHANNEL_NAME.test(input.name)) throw new DomainError('unprocessable', 'a channel name is 1 to 64 of a-z, 0-9, _ or -, starting with a letter or digit', 'name');
    checkUrl(input.url);
    const secret = input.secret ?? newChannelSecret();
    checkSecret(secret);
    if (by !== 'operator') {
      const unit = input.unit ? await this.em.fork().findOne(Unit, { code: input.unit }) : null;
      // Any unit but the admin's own is refused alike, whether it exists or not: no probing for unit codes.
      assertMayAddChannel(by, input.unit ? (unit?.id ?? `unknown:${input.unit}`) : null);
      // Resolved now, outside the transaction, and again on every send (webhook-sender.ts).
      await this.outbound.assertAllowed(input.url, 'url');
    }
    const trusted = by === 'operator';
    return inTransaction(this.em, async ({ em }) => {
      const unit = input.unit ? await em.findOne(Unit, { code: input.unit }) : null;
      if (input.unit && !unit) throw new DomainError('unprocessable', `unit "${input.unit}" does not exist`, 'unit');
      if (by !== 'operator') assertMayAddChannel(by, unit?.id ?? null);
      let channel = await em.findOne(Channel, { name: input.name }, { populate: ['unit'] });
      // Names are service-wide; an owner never changes, or a unit's pending items could be released to another's endpoint.
      if (channel && (channel.active || ownerOf(channel) !== (unit?.id ?? null))) throw new StateConflictError(`channel ${input.name} exists already`);
      if (channel) Object.assign(channel, { url: input.url, secrets: [secret], active: true, trusted, updatedAt: new Date() });
      else channel = em.create(Channel, { name: input.name, url: input.url, secrets: [secret], unit, trusted });
      await this.audit.append(em, { actor, action: 'channel.added', data: { name: channel.name, url: channel.url, unit: unit?.code ?? null, trusted } });
      return { channel: view(channel), ...(input.secret ? {} : { secret }) };
    });
  }

  /** Stops all sending to the channel; the record of what it received stays. */
  deactivate(name: string, by: ChannelManager, actor: string): Promise<ChannelView> {
    return this.change(name, by, actor, 'channel.deactivated', (channel) => {
      if (!channel.active) throw new StateConflictError(`channel ${name} is deactivated already`);
      channel.active = false;
    });
  }

  /** Starts a rotation: the new secret signs alongside the newest old one until that is retired. */
  async addSecret(name: string, by: ChannelManager, actor: string, given?: string): Promise<{ channel: ChannelView; secret?: string }> {
    const secret = given ?? newChannelSecret();
    checkSecret(secret);
    const channel = await this.change(name, by, actor, 'channel.secret_added', (c) => {
      c.secrets = [secret, ...c.secrets.filter((s) => s !== secret)].slice(0, MAX_SECRETS);
    });
    return { channel, ...(given ? {} : { secret }) };
  }

  /** Ends a rotation: only the newest secret signs from now on. */
  retirePreviousSecret(name: string, by: ChannelManager, actor: string): Promise<ChannelView> {
    return this.change(name, by, actor, 'channel.secret_retired', (c) => {
      if (c.secrets.length < 2) throw new StateConflictError(`channel ${name} has only one secret`);
      c.secrets = c.secrets.slice(0, 1);
    });
  }

  private change(name: string, by: ChannelManager, actor: string, action: string, apply: (channel: Channel) => void): Promise<ChannelView> {
    return inTransaction(this.em, async ({ em }) => {
      if (by !== 'operator') assertAdmin(by);
      const channel = await em.findOne(Channel, { name }, { populate: ['unit'] });
      // Another unit's channel is not found, as it is not listed: an admin learns nothing of other units'.
      if (!channel || (by !== 'operator' && !canSeeChannel(by, ownerOf(channel)))) throw new DomainError('not_found', `channel ${name} was not found`);
      if (by !== 'operator') assertMayManageChannel(by, ownerOf(channel));
      apply(channel);
      channel.updatedAt = new Date();
      await this.audit.append(em, { actor, action, data: { name, unit: channel.unit?.code ?? null } });
      return view(channel);
    });
  }
}

function ownerOf(channel: Pick<Channel, 'unit'>): string | null {
  return channel.unit?.id ?? null;
}

function view(channel: Channel): ChannelView {
  return {
    name: channel.name, url: channel.url, unit: channel.unit?.code ?? null, active: channel.active, secrets: channel.secrets.length, trusted: channel.trusted,
    createdAt: channel.createdAt, updatedAt: channel.updatedAt,
  };
}

function checkUrl(url: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    // reported below
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || url.length > 2000) {
    throw new DomainError('unprocessable', 'url must be an http(s) URL of at most 2000 characters', 'url');
  }
  // For the operator too: the signature authenticates a release, and a password in a URL ends up in logs and listings.
  if (parsed.username || parsed.password) throw new DomainError('unprocessable', 'url must not carry credentials (user:pass@); the channel verifies the webhook signature instead', 'url');
}

function checkSecret(secret: string): void {
  try {
    decodeSecret(secret);
  } catch (error) {
    if (error instanceof WebhookSecretError) throw new DomainError('unprocessable', error.message, 'secret');
    throw error;
  }
}
