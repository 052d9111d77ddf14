import { SchemaMigration } from './schema-migration';

/** Reports read audit events and scans by time: index both, so a period costs its rows, not the whole table. */
export class Migration20261127030000ReportIndexes extends SchemaMigration {
  override up(): void {
    this.schema((s) =>
      s
        .alterTable('audit_events', (t) => {
          t.index(['at']);
        })
        .alterTable('scans', (t) => {
          t.index(['created_at']);
        }),
    );
  }
}
