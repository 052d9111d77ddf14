import { SchemaMigration } from './schema-migration';

/** Least privilege: the units each CMS may submit for, the origins it may be called back at, and channels owned by a unit. */
export class Migration20261128000000Access extends SchemaMigration {
  override up(): void {
    this.schema((s) =>
      s
        .createTable('api_client_units', (t) => {
          t.string('api_client_id', 36).notNullable().references('api_clients.id');
          t.string('unit_id', 36).notNullable().references('units.id');
          t.primary(['api_client_id', 'unit_id']);
          t.index(['unit_id']);
        })
        .alterTable('api_clients', (t) => {
          t.jsonb('callback_origins').notNullable().defaultTo('[]');
        }),
    );
    // knex would drop the foreign key of a column added to an existing SQLite table; this form is valid on both databases.
    this.addSql(this.getKnex().raw('alter table ?? add column ?? varchar(36) null references ?? (??)', ['channels', 'unit_id', 'units', 'id']));
    this.schema((s) => s.alterTable('channels', (t) => t.index(['unit_id'])));
  }
}
