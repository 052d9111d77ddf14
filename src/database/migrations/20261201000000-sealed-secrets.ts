import { STATUS_CODES } from 'node:http';
import { isSealed } from '../../auth/secrets/key-ring';
import { keyRingOf } from '../../auth/secrets/sealed-types';
import { SchemaMigration } from './schema-migration';

type Row = Record<string, unknown>;

/** `HTTP 502: <whatever the channel answered>` as stored before: the code and its reason phrase only. */
function withoutAnswer(error: string): string {
  const match = /^HTTP (\d{3}): /.exec(error);
  if (!match) return error;
  const phrase = STATUS_CODES[Number(match[1])];
  return `HTTP ${match[1]}${phrase ? ` ${phrase}` : ''}`;
}

const jsonOf = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));

/**
 * Hardening of what is kept: channel and callback webhook secrets sealed with the secrets key
 * (AES-256-GCM), the JWT key that used to be generated into `settings` in clear dropped (a new one is
 * generated sealed; sessions signed with the old one end), channels marked trusted when the operator
 * registered them, and the channels' own words removed from stored delivery errors.
 */
export class Migration20261201000000SealedSecrets extends SchemaMigration {
  override async up(): Promise<void> {
    const ring = keyRingOf(this.config);
    const knex = this.getKnex();
    await this.run(knex.schema.alterTable('channels', (t) => t.boolean('trusted').notNullable().defaultTo(false)));

    // Only the operator adds service-wide channels; a unit's channel is the operator's if the CLI added it last.
    const added = (await this.execute(knex('audit_events').select('actor', 'data').where('action', 'channel.added').orderBy('seq', 'asc'))) as Row[];
    const lastActor = new Map<string, string>();
    for (const event of added) lastActor.set(String(jsonOf<Row>(event.data).name), String(event.actor));
    const channels = (await this.execute(knex('channels').select('id', 'name', 'unit_id', 'secrets'))) as Row[];
    for (const channel of channels) {
      const trusted = channel.unit_id == null || lastActor.get(String(channel.name)) === 'cli';
      const secrets = jsonOf<string[]>(channel.secrets).map((s) => (isSealed(s) ? s : ring.seal(s, 'channel-secret')));
      await this.execute(knex('channels').update({ trusted, secrets: JSON.stringify(secrets) }).where('id', channel.id as string));
    }

    const clients = (await this.execute(knex('api_clients').select('id', 'callback_secret'))) as Row[];
    for (const client of clients) {
      const secret = String(client.callback_secret);
      if (!isSealed(secret)) await this.execute(knex('api_clients').update({ callback_secret: ring.seal(secret, 'callback-secret') }).where('id', client.id as string));
    }

    await this.execute(knex('settings').delete().where('key', 'jwt-secret'));

    for (const [table, column] of [['delivery_attempts', 'error'], ['deliveries', 'last_error']] as const) {
      const rows = (await this.execute(knex(table).select('id', column).where(column, 'like', 'HTTP %: %'))) as Row[];
      for (const row of rows) await this.execute(knex(table).update({ [column]: withoutAnswer(String(row[column])) }).where('id', row.id as string));
    }
    const callbacks = (await this.execute(knex('deliveries').select('id', 'payload').where('kind', 'callback').whereNotNull('payload'))) as Row[];
    for (const row of callbacks) {
      const payload = jsonOf<Row>(row.payload);
      if (typeof payload.lastError !== 'string' || withoutAnswer(payload.lastError) === payload.lastError) continue;
      await this.execute(knex('deliveries').update({ payload: JSON.stringify({ ...payload, lastError: withoutAnswer(payload.lastError) }) }).where('id', row.id as string));
    }
  }

  /** Statements run now, in the migration's transaction, so the rows read next see the new column. */
  private async run(builder: { toSQL(): Array<{ sql: string; bindings: readonly unknown[] }> | { sql: string; bindings: readonly unknown[] } }): Promise<void> {
    const statements = builder.toSQL();
    for (const statement of Array.isArray(statements) ? statements : [statements]) await this.execute(statement.sql, [...statement.bindings]);
  }
}
