import { SchemaMigration } from './schema-migration';

/** What the item view shows of a scan's hits (counts, groups, the first hits of each), stored with new scans; older ones have null. */
export class Migration20261205000000HitSummary extends SchemaMigration {
  override up(): void {
    this.schema((s) => s.alterTable('scans', (t) => t.jsonb('hit_summary').nullable()));
  }
}
