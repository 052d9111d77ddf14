import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// js-yaml comes with eslint and ts-jest (a dev dependency's dependency); it ships no types of its own here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { load } = require('js-yaml') as { load: (text: string) => unknown };

const COMPOSE = join(__dirname, '..', '..', 'docker-compose.yml');
const SECRET_NAME = /SECRET|PASSWORD|PASSWD|TOKEN|(^|_)KEY($|_)/i;
/** ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, ${VAR:+alt}; `$$` is a literal dollar. */
const INTERPOLATION = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}/g;

type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml };

/** Every environment entry of every service and extension block, as [where, name, value]. */
function environmentEntries(doc: { [key: string]: Yaml }): Array<[string, string, string]> {
  const entries: Array<[string, string, string]> = [];
  const add = (where: string, env: Yaml) => {
    if (Array.isArray(env)) {
      for (const item of env) {
        const [name, ...rest] = String(item).split('=');
        entries.push([where, name, rest.join('=')]);
      }
    } else if (env && typeof env === 'object') {
      for (const [name, value] of Object.entries(env)) entries.push([where, name, value === null ? '' : String(value)]);
    }
  };
  for (const [name, service] of Object.entries((doc.services ?? {}) as { [key: string]: { environment?: Yaml } })) add(`services.${name}`, service.environment ?? null);
  for (const [name, block] of Object.entries(doc)) if (name.startsWith('x-')) add(name, block);
  return entries;
}

/** What is wrong with how the compose file supplies secrets: every finding names the place. */
function secretFindings(text: string): string[] {
  const doc = load(text) as { [key: string]: Yaml };
  const findings: string[] = [];
  const walk = (value: Yaml, where: string) => {
    if (typeof value === 'string') {
      for (const [, name, operator] of value.matchAll(INTERPOLATION)) {
        if (SECRET_NAME.test(name) && operator !== ':?' && operator !== '?') findings.push(`${where}: \${${name}} ${operator ? `has a default or alternative (${operator})` : 'may be empty'}; write \${${name}:?…}`);
      }
    } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${where}[${i}]`));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${where}.${k}`);
  };
  walk(doc, '');
  for (const [where, name, value] of environmentEntries(doc)) {
    if (SECRET_NAME.test(name) && !name.endsWith('_FILE') && !/^(\$\{[A-Za-z0-9_]+:\?[^}]*\})+$/.test(value)) findings.push(`${where}.${name} is not only a required variable`);
    if (name.endsWith('_FILE') && SECRET_NAME.test(name) && !value.startsWith('/run/secrets/')) findings.push(`${where}.${name} should name a compose secret under /run/secrets/`);
    const password = /^[a-z]+:\/\/[^:/@]*:([^@]*)@/i.exec(value)?.[1];
    if (password !== undefined && !/^\$\{[A-Za-z0-9_]+:\?[^}]*\}$/.test(password)) findings.push(`${where}.${name} carries a password that is not a required variable`);
  }
  for (const [name, secret] of Object.entries((doc.secrets ?? {}) as { [key: string]: { file?: string; environment?: string } })) {
    const source = secret.file ?? secret.environment ?? '';
    if (!/^\$\{[A-Za-z0-9_]+:\?[^}]*\}$/.test(source)) findings.push(`secrets.${name} does not come from a required variable`);
  }
  return findings;
}

describe('docker-compose.yml references no default secret', () => {
  const text = readFileSync(COMPOSE, 'utf8');
  const doc = load(text) as { [key: string]: Yaml };
  const env = (service: string) => new Map(environmentEntries(doc).filter(([where]) => where === `services.${service}`).map(([, n, v]) => [n, v]));

  it('supplies every secret from a variable compose requires, with no default', () => {
    expect(secretFindings(text)).toEqual([]);
  });

  it('refuses to start the api and the worker without JWT_SECRET and the secrets key file', () => {
    for (const service of ['api', 'worker']) {
      const vars = env(service);
      expect(vars.get('JWT_SECRET')).toMatch(/^\$\{JWT_SECRET:\?.+\}$/);
      expect(vars.get('SECRETS_KEY_FILE')).toMatch(/^\/run\/secrets\/.+/);
      const secretName = vars.get('SECRETS_KEY_FILE')!.slice('/run/secrets/'.length);
      const services = doc.services as { [name: string]: { secrets?: Yaml[] } };
      expect(services[service].secrets).toContain(secretName);
      expect((doc.secrets as { [name: string]: { file: string } })[secretName].file).toMatch(/^\$\{SECRETS_KEY_FILE:\?.+\}$/);
      expect(vars.get('NODE_ENV')).toBe('production');
    }
  });

  it('catches what the file used to say', () => {
    const old = [
      'x-env: &env',
      '  DATABASE_URL: postgres://clearance:clearance@postgres:5432/clearance',
      '  JWT_SECRET: ${JWT_SECRET:-change-me-change-me-change-me-change-me}',
      'services:',
      '  postgres:',
      '    environment:',
      '      POSTGRES_PASSWORD: clearance',
      '  api:',
      '    environment:',
      '      <<: *env',
      '      API_TOKEN: ${API_TOKEN}',
    ].join('\n');
    const findings = secretFindings(old);
    expect(findings).toEqual(expect.arrayContaining([
      expect.stringMatching(/\$\{JWT_SECRET\} has a default/),
      expect.stringMatching(/\$\{API_TOKEN\} may be empty/),
      expect.stringMatching(/services\.postgres\.POSTGRES_PASSWORD is not only a required variable/),
      expect.stringMatching(/services\.api\.DATABASE_URL carries a password/),
      expect.stringMatching(/x-env\.JWT_SECRET is not only a required variable/),
    ]));
  });
});
