import { RevisionCache } from './revision-cache';

/** A revision counter and a builder whose builds finish when the test says so. */
function harness() {
  const state = { revision: 0, reads: 0, builds: [] as Array<{ revision: number; finish: () => void; fail: (e: Error) => void }> };
  const sut = new RevisionCache<string>(
    async () => {
      state.reads++;
      return state.revision;
    },
    () => {
      const revision = state.revision;
      return new Promise((resolve, reject) => {
        state.builds.push({ revision, finish: () => resolve({ value: `v${revision}`, revision }), fail: reject });
      });
    },
  );
  return { state, sut };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('RevisionCache', () => {
  it('builds once for the first callers and not again while the revision stays', async () => {
    const { state, sut } = harness();
    const first = Promise.all([sut.get(), sut.get(), sut.get()]);
    await settle();
    expect(state.builds).toHaveLength(1);
    state.builds[0].finish();
    expect(await first).toEqual(['v0', 'v0', 'v0']);
    expect(await sut.get()).toBe('v0');
    expect(state.builds).toHaveLength(1);
    expect(sut.loadedRevision).toBe(0);
  });

  it('rebuilds once when the revision moves, and never runs two builds at a time', async () => {
    const { state, sut } = harness();
    const initial = sut.get();
    await settle();
    state.builds[0].finish();
    await initial;
    state.revision = 1;
    const a = sut.get();
    const b = sut.get();
    await settle();
    expect(state.builds).toHaveLength(2);
    // A newer change while the build runs waits for it, then builds again.
    state.revision = 2;
    const c = sut.get();
    await settle();
    expect(state.builds).toHaveLength(2);
    state.builds[1].finish();
    expect(await Promise.all([a, b])).toEqual(['v1', 'v1']);
    await settle();
    expect(state.builds).toHaveLength(3);
    state.builds[2].finish();
    expect(await c).toBe('v2');
    expect(sut.current).toBe('v2');
  });

  it('takes a revision the caller read itself, reading none, and rebuilds only when it differs from the held one', async () => {
    const { state, sut } = harness();
    const first = sut.at(0);
    await settle();
    state.builds[0].finish();
    expect(await first).toBe('v0');
    expect(await sut.at(0)).toBe('v0');
    expect(state.builds).toHaveLength(1);
    state.revision = 1;
    const moved = sut.at(1);
    await settle();
    expect(state.builds).toHaveLength(2);
    state.builds[1].finish();
    expect(await moved).toBe('v1');
    expect(state.reads).toBe(0);
  });

  it('passes a failed build to its callers and tries again on the next call', async () => {
    const { state, sut } = harness();
    const failing = sut.get();
    await settle();
    state.builds[0].fail(new Error('database gone'));
    await expect(failing).rejects.toThrow('database gone');
    expect(sut.current).toBeUndefined();
    const retry = sut.get();
    await settle();
    state.builds[1].finish();
    expect(await retry).toBe('v0');
  });
});
