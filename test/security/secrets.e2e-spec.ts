import { MikroORM, UniqueConstraintViolationException } from '@mikro-orm/core';
import { JwtService } from '@nestjs/jwt';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { WebhookReceiver } from '../publishing/webhook-receiver';
import { newSecret, submitAndApprove, tokensOf } from '../publishing/publishing-fixtures';
import { login, seedUnit, Seeded, waitForState } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { ApiClient } from '../../src/auth/entities/api-client.entity';
import { Unit } from '../../src/auth/entities/unit.entity';
import { KeyRing, keyIdOf, parseKeySpec, SecretsError } from '../../src/auth/secrets/key-ring';
import { loadKeyRing } from '../../src/auth/secrets/load-key-ring';
import { runCli } from '../../src/cli';
import { AppConfig, loadConfig } from '../../src/config/env.schema';
import { openDatabase } from '../../src/database/open-database';
import { AppLogger } from '../../src/logging/app-logger';
import { Channel } from '../../src/publishing/entities/channel.entity';
import { UnitRobot } from '../../src/notifications/entities/unit-robot.entity';

type Row = Record<string, unknown>;
const jsonOf = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));

describe('secrets at rest, in logs and on the command line', () => {
  let t: TestApp;
  let s: Seeded;
  let portalSecret: string;
  let portal: WebhookReceiver;

  beforeAll(async () => {
    t = await startTestApp({ DELIVERY_BACKOFF_MS: '50' });
    s = await seedUnit(t);
    portalSecret = newSecret();
    portal = await WebhookReceiver.start(portalSecret);
  });
  afterAll(async () => {
    await portal?.close();
    await t?.close();
  });

  const sql = (query: string, params: unknown[] = []) => t.orm.em.fork().getConnection().execute(query, params) as Promise<Row[]>;
  const cli = (argv: string[], io: { input?: NodeJS.ReadableStream; prompt?: (q: string) => Promise<string> } = {}, config: AppConfig = t.config) => {
    const out: string[] = [];
    const err: string[] = [];
    return runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), ...io }, config).then((code) => ({ code, out, err }));
  };

  it('keeps channel and callback webhook secrets sealed in the database, and signs with them all the same', async () => {
    expect((await cli(['channel:add', 'portal', '--url', portal.url, '--secret-stdin'], { input: Readable.from([`${portalSecret}\n`]) })).code).toBe(0);
    const [channel] = await sql('select secrets from channels where name = ?', ['portal']);
    const stored = jsonOf<string[]>(channel.secrets);
    expect(stored).toEqual([expect.stringMatching(/^enc:v1:[0-9a-f]{8}:[A-Za-z0-9_-]+$/)]);
    expect(JSON.stringify(channel)).not.toContain(portalSecret.slice(6, 30));
    const [client] = await sql('select callback_secret from api_clients where name = ?', [s.client]);
    expect(client.callback_secret).toMatch(/^enc:v1:/);
    expect(client.callback_secret).not.toContain(s.callbackSecret.slice(6, 30));

    const tokens = await tokensOf(t, s);
    const id = await submitAndApprove(t, s, tokens, 'sealed-1');
    await waitForState(t, s.apiKey, id, 'published');
    expect(portal.received.map((r) => r.verified)).toEqual([true]);
  });

  it('keeps the generated JWT key sealed: a token minted from what the database holds is refused', async () => {
    const token = await login(t, s.users.admin);
    await t.http.get('/api/v1/channels').set('Authorization', `Bearer ${token}`).expect(200);
    expect(await sql("select key from settings where key = 'jwt-secret'")).toEqual([]);
    const [setting] = await sql("select value from settings where key = 'jwt-key'");
    expect(setting.value).toMatch(/^enc:v1:/);
    const [admin] = await sql('select u.id, u.roles, n.id as unit_id, n.code from users u join units n on n.id = u.unit_id where u.username = ?', [s.users.admin]);
    const claims = { sub: admin.id, username: s.users.admin, roles: ['admin'], unit: admin.unit_id, unitCode: admin.code };
    const forged = new JwtService().sign(claims, { secret: String(setting.value), algorithm: 'HS256', expiresIn: 300 });
    await t.http.get('/api/v1/channels').set('Authorization', `Bearer ${forged}`).expect(401);
  });

  it('binds a sealed value to its purpose and its key: moved, altered or under an unknown key, it does not open', () => {
    const ring = new KeyRing(parseKeySpec(randomBytes(32).toString('base64'), 'test'));
    const sealed = ring.seal('whsec_x', 'channel-secret');
    expect(ring.open(sealed, 'channel-secret')).toBe('whsec_x');
    expect(sealed).not.toBe(ring.seal('whsec_x', 'channel-secret'));
    expect(() => ring.open(sealed, 'callback-secret')).toThrow(/altered or moved/);
    expect(() => ring.open(`${sealed.slice(0, -4)}AAAA`, 'channel-secret')).toThrow(SecretsError);
    expect(() => new KeyRing(parseKeySpec(randomBytes(32).toString('base64'), 'other')).open(sealed, 'channel-secret')).toThrow(/not configured/);
    expect(() => ring.open('whsec_clear', 'channel-secret')).toThrow(/stored in clear/);
  });

  it('generates a development key once, into a file only its owner may read, and refuses it once others may', () => {
    const dir = mkdtempSync(join(tmpdir(), 'clearance-key-'));
    try {
      const file = join(dir, 'data', 'secrets.key');
      const first = loadKeyRing({ generatedKeyFile: file });
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const again = loadKeyRing({ generatedKeyFile: file });
      expect(again.currentId).toBe(first.currentId);
      expect(again.open(first.seal('kept', 'jwt-key'), 'jwt-key')).toBe('kept');
      chmodSync(file, 0o644);
      expect(() => loadKeyRing({ generatedKeyFile: file })).toThrow(/readable by its owner only/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start in production without a secrets key, with a bad one, or with the published JWT placeholder', () => {
    const production = { NODE_ENV: 'production', PUBLIC_URL: 'https://clearance.example.gov.cn', JWT_SECRET: randomBytes(32).toString('hex') };
    expect(() => loadConfig(production)).toThrow(/SECRETS_KEY or SECRETS_KEY_FILE must be set in production/);
    expect(() => loadConfig({ ...production, SECRETS_KEY: 'c2hvcnQ=' })).toThrow(/SECRETS_KEY is not usable/);
    expect(() => loadConfig({ ...production, SECRETS_KEY_FILE: '/nonexistent/secrets.key' })).toThrow(/SECRETS_KEY_FILE is not usable/);
    const key = randomBytes(32).toString('base64');
    expect(() => loadConfig({ ...production, SECRETS_KEY: key, SECRETS_KEY_FILE: '/run/secrets/k' })).toThrow(/both set/);
    expect(() => loadConfig({ ...production, SECRETS_KEY: key, JWT_SECRET: 'change-me-change-me-change-me-change-me' })).toThrow(/JWT_SECRET is a published placeholder/);
    expect(loadConfig({ ...production, SECRETS_KEY: `k2:${key},${randomBytes(32).toString('base64')}` }).secrets.key).toContain('k2:');
  });

  it('never logs the values of a failing query: literals in SQL become \'?\'', async () => {
    const out = new PassThrough();
    const lines: string[] = [];
    out.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    const logger = new AppLogger({ level: 'debug', format: 'json' }, out);
    const em = t.orm.em.fork();
    const secretName = `whsec_${randomBytes(12).toString('hex')}`;
    await em.insert(Unit, { id: randomUUID(), code: 'dup-unit', name: secretName, createdAt: new Date() });
    const failure = await em.insert(Unit, { id: randomUUID(), code: 'dup-unit', name: secretName, createdAt: new Date() }).then(() => undefined, (error: Error) => error);
    expect(failure).toBeInstanceOf(UniqueConstraintViolationException);
    // The driver's own message carries the value: that is what must not reach the log.
    expect(failure!.message).toContain(secretName);
    logger.error({ msg: 'unhandled error', errorId: 'e-1', stack: failure!.stack });
    logger.error(failure!.message, failure!.stack, 'http');
    logger.warn(`after-commit task failed: ${failure!.message}`, 'transaction');
    const logged = lines.join('');
    expect(logged).not.toContain(secretName);
    expect(logged).not.toContain('dup-unit');
    expect(logged).toContain("'?'");
    expect(logged).toMatch(/UNIQUE|duplicate key/);
  });

  it('reads passwords and secrets from standard input or a prompt, and warns when one is given on the command line', async () => {
    const piped = await cli(['user:add', 'stdin-user', '--role', 'filler', '--unit', s.unit, '--password-stdin'], { input: Readable.from(['from-stdin-pw-1\nignored\n']) });
    expect(piped).toMatchObject({ code: 0, err: [] });
    await login(t, 'stdin-user', 'from-stdin-pw-1');

    const asked: string[] = [];
    const prompted = await cli(['user:add', 'prompt-user', '--role', 'leader', '--unit', s.unit], { prompt: async (q) => (asked.push(q), 'from-prompt-pw-2') });
    expect(prompted.code).toBe(0);
    expect(asked).toEqual(['Password: ', 'Repeat the password: ']);
    await login(t, 'prompt-user', 'from-prompt-pw-2');

    const none = await cli(['user:add', 'no-pw-user', '--role', 'filler', '--unit', s.unit]);
    expect(none.code).toBe(2);
    expect(none.err.join('\n')).toMatch(/--password-stdin/);

    const argument = await cli(['user:add', 'arg-user', '--role', 'filler', '--unit', s.unit, '--password', 'on-the-command-line']);
    expect(argument.code).toBe(0);
    expect(argument.err.join('\n')).toMatch(/warning: --password on the command line can be read by other users/);
    expect((await cli(['user:add', 'both-user', '--role', 'filler', '--unit', s.unit, '--password', 'x'.repeat(9), '--password-stdin'], { input: Readable.from(['y\n']) })).code).toBe(2);

    const rotated = newSecret();
    const added = await cli(['channel:add-secret', 'portal', '--secret-stdin'], { input: Readable.from([rotated]) });
    expect(added.code).toBe(0);
    const em = t.orm.em.fork();
    expect((await em.findOneOrFail(Channel, { name: 'portal' })).secrets).toEqual([rotated, portalSecret]);
  });

  it('seals what an older version kept in clear when migrating, marks the operator\'s channels trusted, and trims stored answers', async () => {
    const legacySecret = newSecret();
    expect((await cli(['channel:add', 'legacy', '--url', 'http://127.0.0.1:9/legacy', '--secret', legacySecret, '--unit', s.unit])).code).toBe(0);
    const admin = await login(t, s.users.admin);
    await t.http.post('/api/v1/channels').set('Authorization', `Bearer ${admin}`).send({ name: 'u1-by-admin', url: 'http://127.0.0.1:9/admin' }).expect(201);
    const [delivery] = await sql("select id from deliveries where kind = 'release' limit 1");

    // The database as the previous version left it.
    await sql('update channels set secrets = ? where name = ?', [JSON.stringify([legacySecret]), 'legacy']);
    await sql('update api_clients set callback_secret = ? where name = ?', [s.callbackSecret, s.client]);
    await sql("insert into settings (key, value) values ('jwt-secret', 'an-old-signing-key-kept-in-clear-0123456789')");
    await sql('update deliveries set last_error = ? where id = ?', ['HTTP 500: redis://:hunter2@10.0.0.5 refused', delivery.id]);
    await sql('update delivery_attempts set error = ? where delivery_id = ?', ['HTTP 500: redis://:hunter2@10.0.0.5 refused', delivery.id]);
    await sql('alter table channels drop column trusted');
    await sql("delete from mikro_orm_migrations where name = 'Migration20261201000000SealedSecrets'");

    const migrated = await openDatabase(t.config);
    try {
      const channels = await sql('select name, trusted, secrets from channels order by name');
      const byName = new Map(channels.map((c) => [c.name, c]));
      expect(jsonOf<string[]>(byName.get('legacy')!.secrets)[0]).toMatch(/^enc:v1:/);
      expect(Boolean(byName.get('legacy')!.trusted)).toBe(true);
      expect(Boolean(byName.get('portal')!.trusted)).toBe(true);
      expect(Boolean(byName.get('u1-by-admin')!.trusted)).toBe(false);
      const [client] = await sql('select callback_secret from api_clients where name = ?', [s.client]);
      expect(client.callback_secret).toMatch(/^enc:v1:/);
      expect(await sql("select key from settings where key = 'jwt-secret'")).toEqual([]);
      expect((await sql('select last_error from deliveries where id = ?', [delivery.id]))[0].last_error).toBe('HTTP 500 Internal Server Error');
      expect((await sql('select error from delivery_attempts where delivery_id = ?', [delivery.id])).map((r) => r.error)).toEqual(['HTTP 500 Internal Server Error']);
      const em = migrated.em.fork();
      expect((await em.findOneOrFail(Channel, { name: 'legacy' })).secrets).toEqual([legacySecret]);
      expect((await em.findOneOrFail(ApiClient, { name: s.client })).callbackSecret).toBe(s.callbackSecret);
    } finally {
      await migrated.close();
    }
  });

  it('rotates the secrets key: the new key first and the old after it read everything, secrets:reencrypt moves all to the new one', async () => {
    const oldKey = t.env.env.SECRETS_KEY;
    const newKey = randomBytes(32).toString('base64');
    const newId = keyIdOf(Buffer.from(newKey, 'base64'));
    // A signing group robot, sealed with the old key: its webhook URL (token inside) and its secret move too.
    const robotUrl = 'http://127.0.0.1:9/robot/send?access_token=rotate-token';
    const robotSecret = 'SEC-rotate-robot-secret';
    expect((await cli(['unit:robot-add', '--unit', s.unit, '--kind', 'dingtalk', '--url', robotUrl, '--secret-stdin'], { input: Readable.from([`${robotSecret}\n`]) })).code).toBe(0);
    const both = loadConfig({ ...t.env.env, SECRETS_KEY: `${newKey},${oldKey}` });
    const reencrypted = await cli(['secrets:reencrypt'], {}, both);
    expect(reencrypted.code).toBe(0);
    expect(reencrypted.out.join('\n')).toMatch(new RegExp(`sealed with key ${newId}: [1-9]\\d* channel\\(s\\), [1-9]\\d* API client.*, 1 group robot\\(s\\)`));
    const sealed = [
      ...(await sql('select secrets from channels')).flatMap((r) => jsonOf<string[]>(r.secrets)),
      ...(await sql('select callback_secret from api_clients')).map((r) => String(r.callback_secret)),
      ...(await sql("select value from settings where key = 'jwt-key'")).map((r) => String(r.value)),
      ...(await sql('select url, secret from unit_robots')).flatMap((r) => [String(r.url), String(r.secret)]),
    ];
    expect(sealed.length).toBeGreaterThan(5);
    expect(sealed.every((v) => v.startsWith(`enc:v1:${newId}:`))).toBe(true);

    const onlyNew: MikroORM = await openDatabase(loadConfig({ ...t.env.env, SECRETS_KEY: newKey }));
    try {
      expect((await onlyNew.em.fork().findOneOrFail(Channel, { name: 'portal' })).secrets[1]).toBe(portalSecret);
      expect(await onlyNew.em.fork().findOneOrFail(UnitRobot, { kind: 'dingtalk' })).toMatchObject({ url: robotUrl, secret: robotSecret });
    } finally {
      await onlyNew.close();
    }
    const onlyOld = await openDatabase(loadConfig({ ...t.env.env, SECRETS_KEY: oldKey }));
    try {
      await expect(onlyOld.em.fork().findOneOrFail(Channel, { name: 'portal' })).rejects.toThrow(/not configured/);
    } finally {
      await onlyOld.close();
    }
  });
});
