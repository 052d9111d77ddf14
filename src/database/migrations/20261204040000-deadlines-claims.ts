import { SchemaMigration } from './schema-migration';

/**
 * Telling people on time: each level's due time and the reminders sent for it, units' own review times, claims
 * (认领) of an item at a level, and failed deliveries an administrator has dismissed.
 */
export class Migration20261204040000DeadlinesClaims extends SchemaMigration {
  override up(): void {
    this.schema((s) =>
      s
        .createTable('review_deadlines', (t) => {
          t.string('id', 36).primary();
          t.string('item_id', 36).notNullable().references('items.id');
          t.string('unit_id', 36).notNullable().references('units.id');
          t.integer('revision').notNullable();
          t.string('level', 16).notNullable();
          t.timestamp('started_at', { useTz: true }).notNullable();
          t.timestamp('remind_at', { useTz: true }).notNullable();
          t.timestamp('due_at', { useTz: true }).notNullable();
          t.timestamp('reminded_at', { useTz: true }).nullable();
          t.timestamp('escalated_at', { useTz: true }).nullable();
          t.timestamp('closed_at', { useTz: true }).nullable();
          t.index(['item_id', 'closed_at']);
          t.index(['closed_at', 'remind_at']);
          t.index(['unit_id', 'closed_at', 'due_at']);
        })
        .createTable('unit_review_due', (t) => {
          t.string('unit_id', 36).primary().references('units.id');
          t.string('filler', 16).nullable();
          t.string('leader', 16).nullable();
          t.string('chief', 16).nullable();
          t.timestamp('updated_at', { useTz: true }).notNullable();
        })
        .createTable('item_claims', (t) => {
          t.string('id', 36).primary();
          t.string('item_id', 36).notNullable().references('items.id');
          t.string('user_id', 36).notNullable().references('users.id');
          t.string('level', 16).notNullable();
          t.integer('revision').notNullable();
          t.timestamp('claimed_at', { useTz: true }).notNullable();
          t.timestamp('expires_at', { useTz: true }).notNullable();
          t.timestamp('ended_at', { useTz: true }).nullable();
          t.string('ended_by', 100).nullable();
          t.index(['item_id', 'ended_at']);
        })
        .alterTable('deliveries', (t) => {
          t.timestamp('failed_at', { useTz: true }).nullable();
          t.timestamp('dismissed_at', { useTz: true }).nullable();
          t.string('dismissed_by', 100).nullable();
          t.text('dismiss_reason').nullable();
        }),
    );
  }
}
