import { SchemaMigration } from './schema-migration';

/** The notification outbox (one row per event, unique by its dedupe key), its messages (one per recipient) and units' group robots. */
export class Migration20261204030000Notifications extends SchemaMigration {
  override up(): void {
    this.schema((s) =>
      s
        .createTable('notifications', (t) => {
          t.string('id', 36).primary();
          t.string('kind', 32).notNullable();
          t.string('dedupe_key', 200).notNullable().unique();
          t.string('item_id', 36).nullable();
          t.string('unit_id', 36).notNullable();
          t.json('audience').notNullable();
          t.json('detail').nullable();
          t.string('status', 16).notNullable();
          t.json('content').nullable();
          t.timestamp('created_at', { useTz: true }).notNullable();
          t.timestamp('expanded_at', { useTz: true }).nullable();
          t.index(['status', 'created_at']);
          t.index(['item_id']);
        })
        .createTable('notification_messages', (t) => {
          t.string('id', 36).primary();
          t.string('notification_id', 36).notNullable().references('notifications.id');
          t.string('transport', 16).notNullable();
          t.string('recipient', 36).notNullable();
          t.string('address', 320).nullable();
          t.string('status', 16).notNullable();
          t.integer('attempt_count').notNullable();
          t.timestamp('next_attempt_at', { useTz: true }).notNullable();
          t.timestamp('lease_until', { useTz: true }).nullable();
          t.text('last_error').nullable();
          t.timestamp('sent_at', { useTz: true }).nullable();
          t.timestamp('created_at', { useTz: true }).notNullable();
          t.unique(['notification_id', 'transport', 'recipient']);
          t.index(['status', 'next_attempt_at']);
          t.index(['recipient', 'created_at']);
        })
        .createTable('unit_robots', (t) => {
          t.string('id', 36).primary();
          t.string('unit_id', 36).notNullable().references('units.id');
          t.string('kind', 16).notNullable();
          t.string('url', 4000).notNullable();
          t.string('secret', 1000).nullable();
          t.boolean('active').notNullable();
          t.timestamp('created_at', { useTz: true }).notNullable();
          t.index(['unit_id', 'active']);
        }),
    );
  }
}
