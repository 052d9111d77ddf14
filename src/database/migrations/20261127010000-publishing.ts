import type { Knex } from '@mikro-orm/knex';
import { SchemaMigration } from './schema-migration';

const id = (t: Knex.CreateTableBuilder) => t.string('id', 36).primary();

/** Channels, deliveries (releases, recalls, CMS callbacks) and every attempt at sending them. */
export class Migration20261127010000Publishing extends SchemaMigration {
  override up(): void {
    this.schema((s) =>
      s
        .createTable('channels', (t) => {
          id(t);
          t.string('name', 64).notNullable().unique();
          t.string('url', 2000).notNullable();
          t.jsonb('secrets').notNullable();
          t.boolean('active').notNullable();
          t.timestamp('created_at', { useTz: true }).notNullable();
          t.timestamp('updated_at', { useTz: true }).notNullable();
        })
        .createTable('deliveries', (t) => {
          id(t);
          t.string('item_id', 36).notNullable().references('items.id');
          t.string('kind', 16).notNullable();
          t.string('channel', 64).nullable();
          t.integer('revision').notNullable();
          t.string('event', 32).notNullable();
          t.string('content_hash', 64).nullable();
          t.string('url', 2000).nullable();
          t.jsonb('payload').nullable();
          t.string('status', 16).notNullable();
          t.integer('attempt_count').notNullable().defaultTo(0);
          t.timestamp('next_attempt_at', { useTz: true }).nullable();
          t.integer('last_status_code').nullable();
          t.text('last_error').nullable();
          t.timestamp('delivered_at', { useTz: true }).nullable();
          t.timestamp('created_at', { useTz: true }).notNullable();
          t.timestamp('updated_at', { useTz: true }).notNullable();
          // One release (and one recall) per item, channel and revision; callbacks have no channel, so NULLs keep them apart.
          t.unique(['item_id', 'kind', 'channel', 'revision']);
          t.index(['status', 'next_attempt_at']);
        })
        .createTable('delivery_attempts', (t) => {
          id(t);
          t.string('delivery_id', 36).notNullable().references('deliveries.id');
          t.integer('number').notNullable();
          t.timestamp('at', { useTz: true }).notNullable();
          t.integer('status_code').nullable();
          t.integer('duration_ms').nullable();
          t.text('error').nullable();
          t.index(['delivery_id', 'number']);
        }),
    );
  }
}
