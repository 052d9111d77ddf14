import { Migration } from '@mikro-orm/migrations';
import type { Knex } from '@mikro-orm/knex';

/**
 * Migrations written with knex's schema builder, so one file serves SQLite and PostgreSQL alike;
 * each statement is added on its own because SQLite prepares one statement at a time.
 */
export abstract class SchemaMigration extends Migration {
  protected schema(build: (schema: Knex.SchemaBuilder) => Knex.SchemaBuilder): void {
    for (const statement of build(this.getKnex().schema).toSQL()) {
      this.addSql(this.getKnex().raw(statement.sql, statement.bindings as Knex.RawBinding[]));
    }
  }
}
