import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Setting } from './setting.entity';

/** Values made once and shared by every process through the database. */
@Injectable()
export class SettingsService {
  private readonly cache = new Map<string, string>();

  constructor(private readonly em: EntityManager) {}

  async getOrCreate(key: string, create: () => string): Promise<string> {
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const em = this.em.fork();
    let setting = await em.findOne(Setting, { key });
    if (!setting) {
      try {
        await em.insert(Setting, { key, value: create() });
      } catch (error) {
        // Another process created it first: use theirs.
        if (!(error instanceof UniqueConstraintViolationException)) throw error;
      }
      setting = await em.fork().findOneOrFail(Setting, { key });
    }
    this.cache.set(key, setting.value);
    return setting.value;
  }
}
