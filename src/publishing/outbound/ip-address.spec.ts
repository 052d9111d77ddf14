import { embeddedIpv4, formatIp, inCidr, parseCidr, parseIp } from './ip-address';

describe('parseIp / formatIp', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['[::1]', '::1'],
    ['::', '::'],
    ['fe80::1%eth0', 'fe80::1'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:db8:0:1:0:0:0:1', '2001:db8:0:1::1'],
    ['::ffff:127.0.0.1', '::ffff:7f00:1'],
    ['64:ff9b::169.254.169.254', '64:ff9b::a9fe:a9fe'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
  ])('reads %s as %s', (input, formatted) => {
    expect(formatIp(parseIp(input)!)).toBe(formatted);
  });

  it.each(['2130706433', '0x7f000001', '127.1', '127.0.0.1.', '256.0.0.1', '1::2::3', '1:2:3:4:5:6:7:8:9', ':1::', 'localhost', ''])('is no address: %s', (input) => {
    expect(parseIp(input)).toBeNull();
  });
});

describe('parseCidr / inCidr', () => {
  const sut = (cidr: string, ip: string) => inCidr(parseIp(ip)!, parseCidr(cidr)!);

  it('matches by prefix and family, a bare address as a /32 or /128', () => {
    expect(sut('10.0.0.0/8', '10.255.1.2')).toBe(true);
    expect(sut('10.0.0.0/8', '11.0.0.1')).toBe(false);
    expect(sut('172.16.0.0/12', '172.31.255.255')).toBe(true);
    expect(sut('172.16.0.0/12', '172.32.0.0')).toBe(false);
    expect(sut('0.0.0.0/0', '203.0.113.1')).toBe(true);
    expect(sut('0.0.0.0/0', '::1')).toBe(false);
    expect(sut('10.1.2.3', '10.1.2.3')).toBe(true);
    expect(sut('10.1.2.3', '10.1.2.4')).toBe(false);
    expect(sut('fc00::/7', 'fdff::1')).toBe(true);
    expect(sut('::1/128', '::1')).toBe(true);
  });

  it.each(['10.0.0.0/33', '::/129', '10.0.0.0/8/8', '10.0.0.0/x', 'host/8'])('refuses %s', (input) => {
    expect(parseCidr(input)).toBeNull();
  });
});

describe('embeddedIpv4', () => {
  it.each([
    ['::ffff:10.1.2.3', '10.1.2.3'],
    ['::10.1.2.3', '10.1.2.3'],
    ['64:ff9b::a9fe:a9fe', '169.254.169.254'],
    ['2002:c0a8:0101::1', '192.168.1.1'],
  ])('finds the IPv4 address %s is routed to', (input, v4) => {
    expect(formatIp(embeddedIpv4(parseIp(input)!)!)).toBe(v4);
  });

  it('finds none in ::1, :: or an ordinary address', () => {
    for (const input of ['::1', '::', '2001:db8::1', '10.0.0.1']) expect(embeddedIpv4(parseIp(input)!)).toBeNull();
  });
});
