import { SchemaMigration } from './schema-migration';

/** What reviewers recorded about each review-level hit with their decision (verified or false positive). */
export class Migration20261204010000HitDispositions extends SchemaMigration {
  override up(): void {
    this.schema((s) =>
      s.createTable('hit_dispositions', (t) => {
        t.string('id', 36).primary();
        t.string('decision_id', 36).notNullable().references('decisions.id');
        t.string('item_id', 36).notNullable().references('items.id');
        t.integer('revision').notNullable();
        t.string('level', 16).notNullable();
        t.integer('position').notNullable();
        t.string('hit_id', 40).notNullable();
        t.string('rule_id', 200).notNullable();
        t.string('outcome', 16).notNullable();
        t.text('note').nullable();
        t.string('user_id', 36).notNullable().references('users.id');
        t.timestamp('created_at', { useTz: true }).notNullable();
        t.index(['item_id', 'revision']);
        t.index(['decision_id']);
      }),
    );
  }
}
