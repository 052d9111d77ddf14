import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { DomainError, StateConflictError } from '@clearance/workflow';
import { AuditService } from '../audit/audit.service';
import { inTransaction } from '../database/transaction';
import { Channel } from './entities/channel.entity';
import { decodeSecret, newChannelSecret, WebhookSecretError } from './webhook-signature';

export const CHANNEL_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const MAX_SECRETS = 2;

/** A channel as shown to operators: never its secrets, only how many it has. */
export interface ChannelView {
  name: string;
  url: string;
  active: boolean;
  secrets: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface AddChannelInput {
  name: string;
  url: string;
  /** whsec_…; generated when absent. */
  secret?: string;
}

/** Registers, lists and retires publishing channels, and rotates their secrets; every change is audited. */
@Injectable()
export class ChannelsService {
  constructor(private readonly em: EntityManager, private readonly audit: AuditService) {}

  /** The names among `names` that are not active channels. */
  async unknown(names: string[]): Promise<string[]> {
    if (names.length === 0) return [];
    const found = await this.em.fork().find(Channel, { name: { $in: names }, active: true }, { fields: ['name'] });
    const known = new Set(found.map((c) => c.name));
    return names.filter((n) => !known.has(n));
  }

  async list(): Promise<ChannelView[]> {
    return (await this.em.fork().find(Channel, {}, { orderBy: { name: 'asc' } })).map(view);
  }

  /** Adds a channel, or brings a deactivated one back with a new URL and secret. Returns the secret when it was generated here. */
  async add(input: AddChannelInput, actor: string): Promise<{ channel: ChannelView; secret?: string }> {
    if (!CHANNEL_NAME.test(input.name)) throw new DomainError('unprocessable', 'a channel name is 1 to 64 of a-z, 0-9, _ or -, starting with a letter or digit', 'name');
    checkUrl(input.url);
    const secret = input.secret ?? newChannelSecret();
    checkSecret(secret);
    return inTransaction(this.em, async ({ em }) => {
      let channel = await em.findOne(Channel, { name: input.name });
      if (channel?.active) throw new StateConflictError(`channel ${input.name} exists already`);
      if (channel) Object.assign(channel, { url: input.url, secrets: [secret], active: true, updatedAt: new Date() });
      else channel = em.create(Channel, { name: input.name, url: input.url, secrets: [secret] });
      await this.audit.append(em, { actor, action: 'channel.added', data: { name: channel.name, url: channel.url } });
      return { channel: view(channel), ...(input.secret ? {} : { secret }) };
    });
  }

  /** Stops all sending to the channel; the record of what it received stays. */
  deactivate(name: string, actor: string): Promise<ChannelView> {
    return this.change(name, actor, 'channel.deactivated', (channel) => {
      if (!channel.active) throw new StateConflictError(`channel ${name} is deactivated already`);
      channel.active = false;
    });
  }

  /** Starts a rotation: the new secret signs alongside the newest old one until that is retired. */
  async addSecret(name: string, actor: string, given?: string): Promise<{ channel: ChannelView; secret?: string }> {
    const secret = given ?? newChannelSecret();
    checkSecret(secret);
    const channel = await this.change(name, actor, 'channel.secret_added', (c) => {
      c.secrets = [secret, ...c.secrets.filter((s) => s !== secret)].slice(0, MAX_SECRETS);
    });
    return { channel, ...(given ? {} : { secret }) };
  }

  /** Ends a rotation: only the newest secret signs from now on. */
  retirePreviousSecret(name: string, actor: string): Promise<ChannelView> {
    return this.change(name, actor, 'channel.secret_retired', (c) => {
      if (c.secrets.length < 2) throw new StateConflictError(`channel ${name} has only one secret`);
      c.secrets = c.secrets.slice(0, 1);
    });
  }

  private change(name: string, actor: string, action: string, apply: (channel: Channel) => void): Promise<ChannelView> {
    return inTransaction(this.em, async ({ em }) => {
      const channel = await em.findOne(Channel, { name });
      if (!channel) throw new DomainError('not_found', `channel ${name} was not found`);
      apply(channel);
      channel.updatedAt = new Date();
      await this.audit.append(em, { actor, action, data: { name } });
      return view(channel);
    });
  }
}

function view(channel: Channel): ChannelView {
  return { name: channel.name, url: channel.url, active: channel.active, secrets: channel.secrets.length, createdAt: channel.createdAt, updatedAt: channel.updatedAt };
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
}

function checkSecret(secret: string): void {
  try {
    decodeSecret(secret);
  } catch (error) {
    if (error instanceof WebhookSecretError) throw new DomainError('unprocessable', error.message, 'secret');
    throw error;
  }
}
