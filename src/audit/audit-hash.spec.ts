import { eventHash, EventContent, GENESIS_HASH, hexDigest } from './audit-hash';

describe('audit hashes', () => {
  it('offer SM3 as GB/T 32905 defines it (its example 1: "abc")', () => {
    expect(hexDigest('sm3', 'abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  const event: EventContent = {
    chain: 'item:1', position: 2, at: new Date('2026-11-30T08:00:00.000Z'), actor: 'user:filler', action: 'item.state', itemId: '1',
    fromState: 'awaiting_filler', toState: 'awaiting_leader', data: { revision: 1, decision: 'approve' },
    covers: [{ kind: 'decision', key: 'd1', hash: 'ab'.repeat(32) }],
  };

  it('commit an event to every field, its place, the rows it covers and the event before it', () => {
    const sut = eventHash('sha256', GENESIS_HASH, event);
    const changed: Array<Partial<EventContent>> = [
      { chain: 'item:2' }, { position: 3 }, { at: new Date('2026-11-30T08:00:00.001Z') }, { actor: 'user:mallory' }, { action: 'item.noted' },
      { itemId: '2' }, { fromState: null }, { toState: 'rejected' }, { data: { revision: 1, decision: 'reject' } },
      { covers: [{ kind: 'decision', key: 'd1', hash: 'cd'.repeat(32) }] }, { covers: [] },
    ];
    for (const change of changed) expect(eventHash('sha256', GENESIS_HASH, { ...event, ...change })).not.toBe(sut);
    expect(eventHash('sha256', 'f'.repeat(64), event)).not.toBe(sut);
    expect(eventHash('sm3', GENESIS_HASH, event)).not.toBe(sut);
    // Key order inside data is not content.
    expect(eventHash('sha256', GENESIS_HASH, { ...event, data: { decision: 'approve', revision: 1 } })).toBe(sut);
  });
});
