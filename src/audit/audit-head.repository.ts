import { EntityRepository } from '@mikro-orm/core';
import { AuditHead } from './audit-head.entity';

export class AuditHeadRepository extends EntityRepository<AuditHead> {
  /** Heads of the given chains, keyed by chain. */
  async byChain(chains: readonly string[]): Promise<Map<string, AuditHead>> {
    if (chains.length === 0) return new Map();
    const heads = await this.find({ chain: { $in: [...chains] } }, { disableIdentityMap: true });
    return new Map(heads.map((h) => [h.chain, h]));
  }
}
