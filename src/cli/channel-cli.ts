import { MikroORM } from '@mikro-orm/core';
import { DomainError } from '@clearance/workflow';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/env.schema';
import { ChannelsService, ChannelView } from '../publishing/channels.service';
import { OutboundPolicy } from '../publishing/outbound/outbound-policy';
import { UsageError } from './cli-args';

/** The channels service as the operator uses it: any channel, service-wide or a unit's, trusted as given. */
export async function asOperator<T>({ orm, config }: { orm: MikroORM; config: AppConfig }, work: (channels: ChannelsService) => Promise<T>): Promise<T> {
  try {
    return await work(new ChannelsService(orm.em, new AuditService(config), new OutboundPolicy(config.outbound.allow)));
  } catch (error) {
    if (error instanceof DomainError) throw new UsageError(error.message);
    throw error;
  }
}

export function describeChannel(channel: ChannelView): string {
  const owner = channel.unit ? `unit ${channel.unit}` : 'service-wide';
  return `${channel.name} (${owner}${channel.active ? '' : ', deactivated'}): ${channel.url}, ${channel.secrets} secret(s)`;
}
