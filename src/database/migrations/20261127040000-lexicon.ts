import { SchemaMigration } from './schema-migration';

/** Terms kept by secrecy administrators, and the revision every process compares before it scans. */
export class Migration20261127040000Lexicon extends SchemaMigration {
  override up(): void {
    const knex = this.getKnex();
    this.schema((s) =>
      s
        .createTable('lexicon_terms', (t) => {
          t.string('id', 36).primary();
          t.string('term', 64).notNullable();
          t.string('term_key', 256).notNullable();
          t.string('category', 32).notNullable();
          t.string('severity', 8).notNullable();
          t.jsonb('allow').notNullable();
          t.text('note').notNullable();
          t.boolean('active').notNullable();
          t.string('created_by', 200).notNullable();
          t.timestamp('created_at', { useTz: true }).notNullable();
          t.timestamp('updated_at', { useTz: true }).notNullable();
          // One active term per key; deactivated ones stay for the record, however many.
          t.unique(['term_key'], { indexName: 'lexicon_terms_active_term_key_unique', predicate: knex.whereRaw('active') });
        })
        .createTable('lexicon_revision', (t) => {
          t.integer('id').primary();
          t.integer('revision').notNullable();
          t.timestamp('changed_at', { useTz: true }).nullable();
        }),
    );
    this.addSql(knex('lexicon_revision').insert({ id: 1, revision: 0 }));
  }
}
