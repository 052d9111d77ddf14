import { AuditAlgorithm, digest } from './audit-hash';

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

/**
 * The Merkle tree hash of RFC 6962 (§2.1) built one leaf at a time, in memory proportional to log(n):
 * complete subtrees are kept on a stack and merged as they pair up, then folded right to left.
 */
export class MerkleTree {
  private readonly stack: Array<{ size: number; hash: Buffer }> = [];
  private count = 0;

  constructor(private readonly algorithm: AuditAlgorithm) {}

  get size(): number {
    return this.count;
  }

  add(leaf: string | Buffer): void {
    let node = { size: 1, hash: digest(this.algorithm, LEAF, leaf) };
    while (this.stack.length > 0 && this.stack[this.stack.length - 1].size === node.size) {
      const left = this.stack.pop()!;
      node = { size: left.size * 2, hash: digest(this.algorithm, NODE, left.hash, node.hash) };
    }
    this.stack.push(node);
    this.count += 1;
  }

  root(): string {
    if (this.stack.length === 0) return digest(this.algorithm).toString('hex');
    let hash = this.stack[this.stack.length - 1].hash;
    for (let i = this.stack.length - 2; i >= 0; i--) hash = digest(this.algorithm, NODE, this.stack[i].hash, hash);
    return hash.toString('hex');
  }
}

/** A checkpoint's leaf: the event's global sequence number with its hash, so renumbering breaks the root too. */
export function eventLeaf(seq: number, hash: string): string {
  return `${seq}:${hash}`;
}
