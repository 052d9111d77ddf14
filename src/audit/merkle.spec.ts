import { createHash } from 'node:crypto';
import { MerkleTree } from './merkle';

const h = (...parts: Buffer[]) => parts.reduce((hash, p) => hash.update(p), createHash('sha256')).digest();
const leaf = (s: string) => h(Buffer.from([0]), Buffer.from(s));
const node = (l: Buffer, r: Buffer) => h(Buffer.from([1]), l, r);

/** RFC 6962 §2.1 written recursively, as the reference. */
function reference(leaves: string[]): Buffer {
  if (leaves.length === 0) return h();
  if (leaves.length === 1) return leaf(leaves[0]);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return node(reference(leaves.slice(0, k)), reference(leaves.slice(k)));
}

describe('MerkleTree', () => {
  it('gives the RFC 6962 tree hash for every size up to 33', () => {
    for (let n = 0; n <= 33; n++) {
      const leaves = Array.from({ length: n }, (_, i) => `${i + 1}:${'ab'.repeat(32)}`);
      const sut = new MerkleTree('sha256');
      leaves.forEach((l) => sut.add(l));
      expect(sut.root()).toBe(reference(leaves).toString('hex'));
    }
  });

  it('changes when a leaf changes, moves or goes missing', () => {
    const root = (leaves: string[]) => {
      const sut = new MerkleTree('sm3');
      leaves.forEach((l) => sut.add(l));
      return sut.root();
    };
    const base = root(['1:a', '2:b', '3:c']);
    expect(root(['1:a', '2:x', '3:c'])).not.toBe(base);
    expect(root(['2:b', '1:a', '3:c'])).not.toBe(base);
    expect(root(['1:a', '2:b'])).not.toBe(base);
  });
});
