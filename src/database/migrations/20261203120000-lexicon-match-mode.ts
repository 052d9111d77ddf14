import { SchemaMigration } from './schema-migration';

/** How each kept term is matched: `substring` (every term so far, and the default) or `word`. */
export class Migration20261203120000LexiconMatchMode extends SchemaMigration {
  override up(): void {
    this.schema((s) => s.alterTable('lexicon_terms', (t) => t.string('match_mode', 16).notNullable().defaultTo('substring')));
  }
}
