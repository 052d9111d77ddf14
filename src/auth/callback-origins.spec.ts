import { DomainError } from '@clearance/workflow';
import { assertCallbackUrlAllowed, callbackTrust, CallbackOriginError, isRegisteredOrigin, parseCallbackOrigin } from './callback-origins';
import { clientUpdateHint } from './operator-hint';

describe('parseCallbackOrigin', () => {
  const sut = parseCallbackOrigin;

  it.each([
    ['https://cms.example.gov.cn', 'https://cms.example.gov.cn'],
    ['https://CMS.Example.GOV.cn/', 'https://cms.example.gov.cn'],
    ['HTTPS://cms.example.gov.cn:443', 'https://cms.example.gov.cn'],
    ['http://cms.example.gov.cn:80', 'http://cms.example.gov.cn'],
    ['http://cms.example.gov.cn:443', 'http://cms.example.gov.cn:443'],
    ['https://cms.example.gov.cn:8443', 'https://cms.example.gov.cn:8443'],
    ['  http://127.0.0.1:8080  ', 'http://127.0.0.1:8080'],
    ['http://127.0.0.1:*', 'http://127.0.0.1:*'],
    ['http://127.0.0.1:*/', 'http://127.0.0.1:*'],
    ['http://LocalHost:*', 'http://localhost:*'],
    ['http://[::1]:8080', 'http://[::1]:8080'],
    ['http://[::1]:*', 'http://[::1]:*'],
    ['http://2130706433', 'http://127.0.0.1'],
    ['https://政务.中国', 'https://xn--zfr164b.xn--fiqs8s'],
  ])('normalises %s to %s', (input, expected) => {
    expect(sut(input)).toBe(expected);
  });

  it.each([
    ['https://cms.example.gov.cn/callbacks', /path, query or fragment/],
    ['https://cms.example.gov.cn?x=1', /path, query or fragment/],
    ['https://cms.example.gov.cn/?', /path, query or fragment/],
    ['https://cms.example.gov.cn#frag', /path, query or fragment/],
    ['https://cms.example.gov.cn\\evil', /path, query or fragment/],
    ['https://user:pass@cms.example.gov.cn', /credentials/],
    ['https://user@cms.example.gov.cn', /credentials/],
    ['ftp://cms.example.gov.cn', /http or https/],
    ['javascript://x', /http or https/],
    ['cms.example.gov.cn', /not an origin/],
    ['https://', /not an origin/],
    ['http://127.0.0.1:99999', /not an origin/],
    ['http://127.0.0.1:80:*', /port and :\*/],
    ['http://*.example.gov.cn', /wildcards/],
  ])('refuses %s', (input, reason) => {
    expect(() => sut(input)).toThrow(CallbackOriginError);
    expect(() => sut(input)).toThrow(reason);
  });
});

describe('isRegisteredOrigin', () => {
  const sut = (registered: string[], url: string) => isRegisteredOrigin(registered, new URL(url));

  it('matches scheme, host and port exactly, the default port included', () => {
    expect(sut(['https://cms.example.gov.cn'], 'https://cms.example.gov.cn/cb?item=1')).toBe(true);
    expect(sut(['https://cms.example.gov.cn'], 'https://CMS.example.gov.cn:443/cb')).toBe(true);
    expect(sut(['https://cms.example.gov.cn'], 'http://cms.example.gov.cn/cb')).toBe(false);
    expect(sut(['https://cms.example.gov.cn'], 'https://cms.example.gov.cn:8443/cb')).toBe(false);
    expect(sut(['https://cms.example.gov.cn'], 'https://cms.example.gov.cn.evil.test/cb')).toBe(false);
    expect(sut(['https://cms.example.gov.cn'], 'https://evil.test/cms.example.gov.cn')).toBe(false);
    expect(sut(['http://127.0.0.1:8080'], 'http://127.0.0.1:8081/')).toBe(false);
  });

  it('matches any port of the host for a :* registration, and nothing else', () => {
    expect(sut(['http://127.0.0.1:*'], 'http://127.0.0.1:39211/hook')).toBe(true);
    expect(sut(['http://127.0.0.1:*'], 'http://127.0.0.1/hook')).toBe(true);
    expect(sut(['http://127.0.0.1:*'], 'https://127.0.0.1:39211/hook')).toBe(false);
    expect(sut(['http://127.0.0.1:*'], 'http://127.0.0.2:39211/hook')).toBe(false);
    expect(sut(['http://[::1]:*'], 'http://[::1]:8080/')).toBe(true);
  });

  it('compares URLs as the sender parses them, not as they are written', () => {
    // WHATWG URL: a backslash is a slash, so the host here is evil.test, not 127.0.0.1.
    expect(sut(['http://127.0.0.1:*'], 'http://evil.test\\@127.0.0.1/')).toBe(false);
    expect(sut(['http://127.0.0.1:*'], 'http://0x7f.0.0.1:8080/')).toBe(true);
  });
});

describe('callbackTrust', () => {
  const sut = (registered: string[], url: string) => callbackTrust(registered, new URL(url));

  it('trusts an exact origin as given, checks the addresses under host:*, and admits nothing else', () => {
    expect(sut(['https://cms.example.gov.cn'], 'https://cms.example.gov.cn/cb')).toBe('trusted');
    expect(sut(['http://127.0.0.1:8080', 'http://127.0.0.1:*'], 'http://127.0.0.1:8080/cb')).toBe('trusted');
    expect(sut(['http://127.0.0.1:*'], 'http://127.0.0.1:6379/')).toBe('checked');
    expect(sut(['http://127.0.0.1:*'], 'http://127.0.0.2:8080/')).toBeNull();
    expect(sut([], 'https://cms.example.gov.cn/cb')).toBeNull();
  });
});

describe('assertCallbackUrlAllowed', () => {
  const client = { name: 'cms-a', callbackOrigins: ['https://cms.example.gov.cn', 'http://127.0.0.1:*'] };
  const refusal = (c: typeof client, url: string): DomainError => {
    try {
      assertCallbackUrlAllowed(c, url);
    } catch (error) {
      return error as DomainError;
    }
    throw new Error(`expected ${url} to be refused`);
  };

  it('admits a URL at a registered origin', () => {
    expect(() => assertCallbackUrlAllowed(client, 'https://cms.example.gov.cn/callbacks/1')).not.toThrow();
    expect(() => assertCallbackUrlAllowed(client, 'http://127.0.0.1:41234/cb')).not.toThrow();
  });

  it('refuses an unregistered origin with 422 on callbackUrl and tells how to register it', () => {
    const refused = refusal(client, 'http://10.0.0.8:6379/');
    expect(refused).toMatchObject({ kind: 'unprocessable', field: 'callbackUrl' });
    expect(refused.message).toContain('client:update cms-a --callback-origin http://10.0.0.8:6379');
  });

  it('refuses credentials in the URL even at a registered origin', () => {
    expect(refusal(client, 'https://u:p@cms.example.gov.cn/cb').message).toMatch(/credentials/);
    expect(refusal(client, 'https://u@cms.example.gov.cn/cb').message).toMatch(/credentials/);
  });

  it('refuses every callbackUrl of a client without registered origins', () => {
    const refused = refusal({ name: 'bare', callbackOrigins: [] }, 'https://cms.example.gov.cn/cb');
    expect(refused).toMatchObject({ kind: 'unprocessable', field: 'callbackUrl' });
    expect(refused.message).toMatch(/no registered callback origin/);
  });

  it('refuses what is not an http(s) URL', () => {
    expect(refusal(client, 'file:///etc/passwd').message).toMatch(/http\(s\) URL/);
    expect(refusal(client, 'not a url').message).toMatch(/http\(s\) URL/);
  });
});

describe('clientUpdateHint', () => {
  it('quotes a client name the shell would split', () => {
    expect(clientUpdateHint('cms-a', '--unit', 'u1')).toContain('client:update cms-a --unit u1 ');
    expect(clientUpdateHint('某县门户', '--unit', 'u1')).toContain('client:update 某县门户 --unit u1 ');
    expect(clientUpdateHint("county's cms", '--callback-origin', 'http://127.0.0.1:*')).toContain(`client:update 'county'\\''s cms' --callback-origin 'http://127.0.0.1:*' `);
  });
});
