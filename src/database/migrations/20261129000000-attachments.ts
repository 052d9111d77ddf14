import { SchemaMigration } from './schema-migration';

/** Attachments: content-addressed blobs, each revision's ordered files, and what the scan read from them. */
export class Migration20261129000000Attachments extends SchemaMigration {
  override up(): void {
    this.schema((s) =>
      s
        .createTable('blobs', (t) => {
          t.specificType('sha256', 'char(64)').primary();
          t.integer('size').notNullable();
          t.binary('data').notNullable();
          t.timestamp('created_at', { useTz: true }).notNullable();
        })
        .createTable('revision_attachments', (t) => {
          t.string('id', 36).primary();
          t.string('revision_id', 36).notNullable().references('revisions.id');
          t.integer('position').notNullable();
          t.string('filename', 255).notNullable();
          t.string('content_type', 255).notNullable();
          t.integer('size').notNullable();
          t.specificType('sha256', 'char(64)').notNullable();
          t.unique(['revision_id', 'position']);
          t.index(['sha256']);
        })
        .createTable('scan_parts', (t) => {
          t.string('id', 36).primary();
          t.string('scan_id', 36).notNullable().references('scans.id');
          t.integer('attachment_index').notNullable();
          t.integer('part_index').notNullable();
          t.jsonb('location').notNullable();
          t.text('text').notNullable();
          t.unique(['scan_id', 'attachment_index', 'part_index']);
        })
        .alterTable('scans', (t) => {
          t.jsonb('attachments').notNullable().defaultTo('[]');
        })
        .alterTable('revisions', (t) => {
          t.integer('attachment_count').notNullable().defaultTo(0);
        }),
    );
  }
}
