import type { Knex } from '@mikro-orm/knex';
import { SchemaMigration } from './schema-migration';

const id = (t: Knex.CreateTableBuilder) => t.string('id', 36).primary();
const createdAt = (t: Knex.CreateTableBuilder) => t.timestamp('created_at', { useTz: true }).notNullable();

export class Migration20261127000000Initial extends SchemaMigration {
  override up(): void {
    this.schema((s) =>
      s
        .createTable('units', (t) => {
          id(t);
          t.string('code', 64).notNullable().unique();
          t.string('name', 200).notNullable();
          createdAt(t);
        })
        .createTable('users', (t) => {
          id(t);
          t.string('username', 64).notNullable().unique();
          t.string('display_name', 200).nullable();
          t.string('password_hash', 255).notNullable();
          t.jsonb('roles').notNullable();
          t.string('unit_id', 36).notNullable().references('units.id');
          t.boolean('active').notNullable();
          createdAt(t);
          t.index(['unit_id']);
        })
        .createTable('api_clients', (t) => {
          id(t);
          t.string('name', 200).notNullable().unique();
          t.string('key_hash', 64).notNullable().unique();
          t.string('callback_secret', 200).notNullable();
          t.boolean('active').notNullable();
          createdAt(t);
        })
        .createTable('items', (t) => {
          id(t);
          t.string('client_id', 36).notNullable().references('api_clients.id');
          t.string('external_id', 200).notNullable();
          t.string('unit_id', 36).notNullable().references('units.id');
          t.jsonb('channels').notNullable();
          t.jsonb('author').nullable();
          t.string('callback_url', 2000).nullable();
          t.string('state', 32).notNullable();
          t.integer('revision').notNullable();
          t.string('referred_from', 16).nullable();
          t.integer('version').notNullable().defaultTo(1);
          createdAt(t);
          t.timestamp('state_changed_at', { useTz: true }).notNullable();
          t.unique(['client_id', 'external_id']);
          t.index(['unit_id', 'state']);
          t.index(['state']);
        })
        .createTable('revisions', (t) => {
          id(t);
          t.string('item_id', 36).notNullable().references('items.id');
          t.integer('number').notNullable();
          t.text('title').notNullable();
          t.text('body').notNullable();
          t.string('format', 8).notNullable();
          t.string('content_hash', 64).notNullable();
          createdAt(t);
          t.unique(['item_id', 'number']);
        })
        .createTable('scans', (t) => {
          id(t);
          t.string('revision_id', 36).notNullable().unique().references('revisions.id');
          t.string('verdict', 8).notNullable();
          t.jsonb('hits').notNullable();
          t.jsonb('keywords').notNullable();
          t.string('lexicon_version', 80).notNullable();
          t.string('rules_version', 80).notNullable();
          t.integer('duration_ms').notNullable();
          createdAt(t);
        })
        .createTable('decisions', (t) => {
          id(t);
          t.string('item_id', 36).notNullable().references('items.id');
          t.integer('revision').notNullable();
          t.string('content_hash', 64).notNullable();
          t.string('level', 16).notNullable();
          t.string('decision', 16).notNullable();
          t.string('user_id', 36).notNullable().references('users.id');
          t.text('comment').nullable();
          createdAt(t);
          t.index(['item_id', 'revision']);
        })
        .createTable('audit_events', (t) => {
          t.integer('seq').primary();
          t.timestamp('at', { useTz: true }).notNullable();
          t.string('actor', 200).notNullable();
          t.string('action', 64).notNullable();
          t.string('item_id', 36).nullable().index();
          t.string('from_state', 32).nullable();
          t.string('to_state', 32).nullable();
          t.jsonb('data').notNullable();
          t.string('prev_hash', 64).notNullable();
          t.string('hash', 64).notNullable();
        })
        .createTable('audit_head', (t) => {
          t.integer('id').primary();
          t.string('last_hash', 64).notNullable();
          t.integer('count').notNullable();
        })
        .createTable('settings', (t) => {
          t.string('key', 64).primary();
          t.text('value').notNullable();
        }),
    );
    this.addSql(this.getKnex()('audit_head').insert({ id: 1, last_hash: '0'.repeat(64), count: 0 }));
  }
}
