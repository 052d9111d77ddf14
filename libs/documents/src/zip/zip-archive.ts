import { Inflate } from 'fflate';

/** A member of a zip archive as its central directory describes it. */
export interface ZipEntry {
  name: string;
  method: number;
  encrypted: boolean;
  compressedSize: number;
  /** As declared: never trusted for a bound, only for reporting. */
  declaredSize: number;
  localHeaderOffset: number;
}

/** The archive is not a readable zip (truncated, no central directory, bad header). */
export class ZipDamagedError extends Error {}
/** A member would inflate past a limit (total bytes or ratio): a zip bomb or simply too large. */
export class ZipLimitError extends Error {}
/** A member is encrypted (traditional PKWARE or AES). */
export class ZipEncryptedError extends Error {}
/** A member uses a compression method other than stored or deflate. */
export class ZipUnsupportedError extends Error {}

/** Shared by every archive opened for one file (its embedded files too): the total inflate budget. */
export class InflateBudget {
  used = 0;
  constructor(readonly maxBytes: number, readonly maxRatio: number) {}
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
// Deflate inflates at most ~1032×: 16 KB in is at most ~16 MB out per callback, so a bomb stops close to its limit.
const CHUNK = 16 * 1024;
/** Below this an inflated member is harmless whatever its ratio (small XML compresses very well). */
const RATIO_FLOOR = 1024 * 1024;

/**
 * Reads a zip's central directory and inflates members one at a time, never past the budget: a bomb stops at the
 * limit after inflating at most that many bytes, in memory bounded by the limit.
 */
export class ZipArchive {
  readonly entries: ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array, private readonly budget: InflateBudget) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.entries = this.readCentralDirectory();
    for (const e of this.entries) if (!this.byName.has(e.name)) this.byName.set(e.name, e);
  }

  names(): string[] {
    return this.entries.map((e) => e.name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  entry(name: string): ZipEntry | undefined {
    return this.byName.get(name);
  }

  /** The member's bytes; throws ZipDamagedError, ZipLimitError, ZipEncryptedError or ZipUnsupportedError. */
  read(name: string): Uint8Array {
    const e = this.byName.get(name);
    if (!e) throw new ZipDamagedError(`no member ${name}`);
    if (e.encrypted) throw new ZipEncryptedError(`${name} is encrypted`);
    const data = this.memberData(e);
    if (e.method === 0) return this.account(e, data.length) && data;
    if (e.method !== 8) throw new ZipUnsupportedError(`${name} uses compression method ${e.method}`);
    return this.inflate(e, data);
  }

  /** The member as UTF-8 text (a BOM dropped). */
  readText(name: string): string {
    const text = new TextDecoder('utf-8').decode(this.read(name));
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  private account(e: ZipEntry, n: number): true {
    if (this.budget.used + n > this.budget.maxBytes) {
      throw new ZipLimitError(`${e.name}: inflating past ${this.budget.maxBytes} bytes`);
    }
    this.budget.used += n;
    return true;
  }

  private inflate(e: ZipEntry, data: Uint8Array): Uint8Array {
    const chunks: Uint8Array[] = [];
    let total = 0;
    const ratioCap = Math.max(RATIO_FLOOR, data.length * this.budget.maxRatio);
    const inflater = new Inflate((chunk) => {
      total += chunk.length;
      if (total > ratioCap) {
        throw new ZipLimitError(`${e.name}: inflates more than ${this.budget.maxRatio} times its compressed size`);
      }
      this.account(e, chunk.length);
      chunks.push(chunk);
    });
    try {
      for (let off = 0; off < data.length; off += CHUNK) {
        const end = Math.min(off + CHUNK, data.length);
        inflater.push(data.subarray(off, end), end === data.length);
      }
      if (data.length === 0) inflater.push(new Uint8Array(0), true);
    } catch (error) {
      if (error instanceof ZipLimitError) throw error;
      throw new ZipDamagedError(`${e.name}: ${(error as Error).message}`);
    }
    if (chunks.length === 1) return chunks[0];
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }

  private memberData(e: ZipEntry): Uint8Array {
    const at = e.localHeaderOffset;
    if (at + 30 > this.bytes.length || this.view.getUint32(at, true) !== LOCAL) {
      throw new ZipDamagedError(`${e.name}: local header missing`);
    }
    const nameLen = this.view.getUint16(at + 26, true);
    const extraLen = this.view.getUint16(at + 28, true);
    const start = at + 30 + nameLen + extraLen;
    const end = start + e.compressedSize;
    if (end > this.bytes.length) throw new ZipDamagedError(`${e.name}: data cut short (file truncated)`);
    return this.bytes.subarray(start, end);
  }

  private readCentralDirectory(): ZipEntry[] {
    const v = this.view;
    const n = this.bytes.length;
    if (n < 22) throw new ZipDamagedError('too short to be a zip');
    let eocd = -1;
    for (let i = n - 22; i >= Math.max(0, n - 22 - 0xffff); i--) {
      if (v.getUint32(i, true) === EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipDamagedError('no end of central directory (file truncated or not a zip)');
    let count = v.getUint16(eocd + 10, true);
    let cdSize = v.getUint32(eocd + 12, true);
    let cdOffset = v.getUint32(eocd + 16, true);
    if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
      const loc = eocd - 20;
      if (loc < 0 || v.getUint32(loc, true) !== EOCD64_LOCATOR) throw new ZipDamagedError('zip64 locator missing');
      const at64 = Number(v.getBigUint64(loc + 8, true));
      if (at64 + 56 > n || v.getUint32(at64, true) !== EOCD64) throw new ZipDamagedError('zip64 end record missing');
      count = Number(v.getBigUint64(at64 + 32, true));
      cdSize = Number(v.getBigUint64(at64 + 40, true));
      cdOffset = Number(v.getBigUint64(at64 + 48, true));
    }
    if (cdOffset + cdSize > n) throw new ZipDamagedError('central directory lies past the end (file truncated)');
    const entries: ZipEntry[] = [];
    const decoder = new TextDecoder('utf-8');
    let p = cdOffset;
    for (let k = 0; k < count; k++) {
      if (p + 46 > n || v.getUint32(p, true) !== CENTRAL) throw new ZipDamagedError('central directory damaged');
      const flags = v.getUint16(p + 8, true);
      const method = v.getUint16(p + 10, true);
      let compressedSize = v.getUint32(p + 20, true);
      let declaredSize = v.getUint32(p + 24, true);
      const nameLen = v.getUint16(p + 28, true);
      const extraLen = v.getUint16(p + 30, true);
      const commentLen = v.getUint16(p + 32, true);
      let localHeaderOffset = v.getUint32(p + 42, true);
      if (p + 46 + nameLen + extraLen > n) throw new ZipDamagedError('central directory damaged');
      const name = decoder.decode(this.bytes.subarray(p + 46, p + 46 + nameLen));
      // Zip64 extra field: the 0xFFFFFFFF sizes and offset, in this order, as present.
      let x = p + 46 + nameLen;
      const xEnd = x + extraLen;
      while (x + 4 <= xEnd) {
        const id = v.getUint16(x, true);
        const size = v.getUint16(x + 2, true);
        if (id === 0x0001) {
          let q = x + 4;
          if (declaredSize === 0xffffffff && q + 8 <= xEnd) {
            declaredSize = Number(v.getBigUint64(q, true));
            q += 8;
          }
          if (compressedSize === 0xffffffff && q + 8 <= xEnd) {
            compressedSize = Number(v.getBigUint64(q, true));
            q += 8;
          }
          if (localHeaderOffset === 0xffffffff && q + 8 <= xEnd) localHeaderOffset = Number(v.getBigUint64(q, true));
        }
        x += 4 + size;
      }
      // Method 99 is WinZip AES; flag bit 0 is traditional encryption.
      entries.push({ name, method, encrypted: (flags & 1) === 1 || method === 99, compressedSize, declaredSize, localHeaderOffset });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return entries;
  }
}
