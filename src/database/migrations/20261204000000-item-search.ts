import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import { SchemaMigration } from './schema-migration';

/**
 * The items list and its free-text search: one row per item with its current revision's title and body
 * (`item_search`), kept in step by a trigger on revisions, so every writer of a revision keeps it current in
 * its own transaction. Substring search of Chinese text: a pg_trgm GIN index on PostgreSQL, an FTS5 trigram
 * table over the rows on SQLite (kept by triggers on item_search). Both need three characters; shorter
 * queries scan (see items-search.ts).
 */
export class Migration20261204000000ItemSearch extends SchemaMigration {
  override up(): void {
    const postgres = this.driver.getPlatform() instanceof PostgreSqlPlatform;
    this.schema((s) =>
      s
        .createTable('item_search', (t) => {
          // An integer key of its own: the FTS5 table's rowid on SQLite.
          t.increments('seq');
          t.string('item_id', 36).notNullable().unique().references('items.id');
          t.string('unit_id', 36).notNullable().references('units.id');
          t.integer('revision').notNullable();
          t.text('title').notNullable();
          t.text('body').notNullable();
          t.timestamp('submitted_at', { useTz: true }).notNullable();
          t.index(['unit_id', 'submitted_at', 'item_id']);
        })
        .alterTable('items', (t) => {
          t.index(['unit_id', 'state_changed_at', 'id']);
        })
        .alterTable('decisions', (t) => {
          t.index(['user_id', 'item_id']);
        }),
    );
    const current = `select r.item_id, i.unit_id, r.number, r.title, r.body, r.created_at from revisions r join items i on i.id = r.item_id and i.revision = r.number`;
    this.addSql(`insert into item_search (item_id, unit_id, revision, title, body, submitted_at) ${current}`);
    if (postgres) {
      this.addSql('create extension if not exists pg_trgm');
      this.addSql('create index item_search_title_trgm on item_search using gin (title gin_trgm_ops)');
      this.addSql('create index item_search_body_trgm on item_search using gin (body gin_trgm_ops)');
      this.addSql(`create function item_search_revision() returns trigger language plpgsql as $$
begin
  insert into item_search (item_id, unit_id, revision, title, body, submitted_at)
    select new.item_id, i.unit_id, new.number, new.title, new.body, new.created_at from items i where i.id = new.item_id
  on conflict (item_id) do update set revision = excluded.revision, title = excluded.title, body = excluded.body, submitted_at = excluded.submitted_at
    where item_search.revision < excluded.revision;
  return null;
end $$`);
      this.addSql('create trigger revisions_item_search after insert on revisions for each row execute function item_search_revision()');
      return;
    }
    this.addSql(`create virtual table item_search_fts using fts5(title, body, content='item_search', content_rowid='seq', tokenize='trigram')`);
    this.addSql(`insert into item_search_fts (item_search_fts) values ('rebuild')`);
    this.addSql(`create trigger item_search_fts_insert after insert on item_search begin
  insert into item_search_fts (rowid, title, body) values (new.seq, new.title, new.body);
end`);
    this.addSql(`create trigger item_search_fts_update after update of title, body on item_search begin
  insert into item_search_fts (item_search_fts, rowid, title, body) values ('delete', old.seq, old.title, old.body);
  insert into item_search_fts (rowid, title, body) values (new.seq, new.title, new.body);
end`);
    this.addSql(`create trigger item_search_fts_delete after delete on item_search begin
  insert into item_search_fts (item_search_fts, rowid, title, body) values ('delete', old.seq, old.title, old.body);
end`);
    this.addSql(`create trigger revisions_item_search after insert on revisions begin
  update item_search set revision = new.number, title = new.title, body = new.body, submitted_at = new.created_at
    where item_id = new.item_id and revision < new.number;
  insert into item_search (item_id, unit_id, revision, title, body, submitted_at)
    select new.item_id, i.unit_id, new.number, new.title, new.body, new.created_at from items i
    where i.id = new.item_id and not exists (select 1 from item_search where item_id = new.item_id);
end`);
  }
}
