import type { Knex, EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { SecretPurpose } from '../auth/secrets/key-ring';
import { keyRingOf } from '../auth/secrets/sealed-types';
import { CliCommand } from './cli-command';
import { parseArgs } from './cli-args';

type Row = Record<string, unknown>;

const jsonOf = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));

/**
 * Key rotation, step 2 of 3: with the new key first in SECRETS_KEY (or SECRETS_KEY_FILE) and the old
 * ones after it, every sealed value is opened and sealed again with the new key; then the old keys
 * may be removed. Raw rows, since the ORM sees no change in a value that only its ciphertext differs in.
 */
export const secretsReencrypt: CliCommand = {
  name: 'secrets:reencrypt',
  usage: 'secrets:reencrypt',
  summary: 'seal every stored webhook secret, group robot URL and secret, and the generated JWT key again with the current (first) secrets key, so older keys can be removed',
  async run(argv, { orm, out }) {
    parseArgs(argv, []);
    const ring = keyRingOf(orm.config);
    const again = (value: string, purpose: SecretPurpose) => (ring.isStale(value) ? ring.seal(ring.open(value, purpose), purpose) : value);
    const counts = await orm.em.fork().transactional(async (em) => {
      const sql = em as unknown as SqlEntityManager;
      const knex = sql.getKnex();
      const run = (query: Knex.QueryBuilder) => sql.getConnection().execute<Row[]>(query, [], 'all', em.getTransactionContext());
      let channels = 0;
      for (const row of await run(knex('channels').select('id', 'secrets'))) {
        const before = jsonOf<string[]>(row.secrets);
        const after = before.map((s) => again(s, 'channel-secret'));
        if (after.some((s, i) => s !== before[i])) {
          await run(knex('channels').update({ secrets: JSON.stringify(after) }).where('id', row.id as string));
          channels += 1;
        }
      }
      let clients = 0;
      for (const row of await run(knex('api_clients').select('id', 'callback_secret'))) {
        const after = again(String(row.callback_secret), 'callback-secret');
        if (after !== row.callback_secret) {
          await run(knex('api_clients').update({ callback_secret: after }).where('id', row.id as string));
          clients += 1;
        }
      }
      let settings = 0;
      for (const row of await run(knex('settings').select('key', 'value').where('key', 'jwt-key'))) {
        const after = again(String(row.value), 'jwt-key');
        if (after !== row.value) {
          await run(knex('settings').update({ value: after }).where('key', 'jwt-key'));
          settings += 1;
        }
      }
      // A group robot's webhook URL carries its key or token, and a signing robot has a secret too: both are sealed.
      let robots = 0;
      for (const row of await run(knex('unit_robots').select('id', 'url', 'secret'))) {
        const url = again(String(row.url), 'robot-secret');
        const secret = row.secret === null || row.secret === undefined ? null : again(String(row.secret), 'robot-secret');
        if (url !== row.url || secret !== (row.secret ?? null)) {
          await run(knex('unit_robots').update({ url, secret }).where('id', row.id as string));
          robots += 1;
        }
      }
      return { channels, clients, settings, robots };
    });
    out(`sealed with key ${ring.currentId}: ${counts.channels} channel(s), ${counts.clients} API client callback secret(s), ${counts.settings} JWT key(s), ${counts.robots} group robot(s); older keys may now be removed`);
    return 0;
  },
};
