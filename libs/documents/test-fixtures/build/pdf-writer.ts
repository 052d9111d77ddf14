import { createHash } from 'node:crypto';

/**
 * A minimal PDF writer for test fixtures: numbered objects, an xref table, a trailer, and optionally the
 * Standard security handler (RC4, 128-bit, revision 3) so encrypted fixtures need no external tool.
 */
export class PdfWriter {
  private readonly objects: Array<{ dict: string; stream?: Uint8Array } | undefined> = [];

  /** Reserves an object number for an object written later (forward references). */
  reserve(): number {
    this.objects.push(undefined);
    return this.objects.length;
  }

  /** Sets a reserved object. A stream gets its /Length added. */
  set(num: number, dict: string, stream?: Uint8Array): number {
    this.objects[num - 1] = { dict, stream };
    return num;
  }

  add(dict: string, stream?: Uint8Array): number {
    return this.set(this.reserve(), dict, stream);
  }

  toBytes(opts: { root: number; info?: number; encrypt?: { userPassword: string; ownerPassword: string } }): Uint8Array {
    const id = createHash('md5').update(`clearance-fixture-${this.objects.length}`).digest();
    const security = opts.encrypt ? new Rc4Security(opts.encrypt.userPassword, opts.encrypt.ownerPassword, id) : null;
    const encryptNum = security ? this.add(security.dictionary()) : 0;
    const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
    let offset = chunks[0].length;
    const offsets: number[] = [];
    this.objects.forEach((obj, k) => {
      const num = k + 1;
      if (!obj) throw new Error(`object ${num} reserved but never set`);
      const secure = security && num !== encryptNum ? security : null;
      let dict = secure ? secure.encryptHexStrings(obj.dict, num) : obj.dict;
      const parts: Buffer[] = [];
      if (obj.stream) {
        const data = secure ? secure.encrypt(obj.stream, num) : obj.stream;
        dict = dict.replace(/^<</, `<< /Length ${data.length}`);
        parts.push(Buffer.from(`${num} 0 obj\n${dict}\nstream\n`, 'latin1'), Buffer.from(data), Buffer.from('\nendstream\nendobj\n', 'latin1'));
      } else {
        parts.push(Buffer.from(`${num} 0 obj\n${dict}\nendobj\n`, 'latin1'));
      }
      offsets.push(offset);
      for (const p of parts) {
        chunks.push(p);
        offset += p.length;
      }
    });
    const xref = ['xref', `0 ${this.objects.length + 1}`, '0000000000 65535 f ', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `)];
    const trailer = [`/Size ${this.objects.length + 1}`, `/Root ${opts.root} 0 R`, `/ID [<${id.toString('hex')}> <${id.toString('hex')}>]`];
    if (opts.info) trailer.push(`/Info ${opts.info} 0 R`);
    if (security) trailer.push(`/Encrypt ${encryptNum} 0 R`);
    chunks.push(Buffer.from(`${xref.join('\n')}\ntrailer\n<< ${trailer.join(' ')} >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
    return new Uint8Array(Buffer.concat(chunks));
  }
}

/** A PDF text string in UTF-16BE with a BOM, as Word and WPS write non-Latin metadata. */
export function pdfText(text: string): string {
  return `<FEFF${utf16be(text)}>`;
}

/** A Latin-1 string, written as hex so that an encrypted document can encrypt it (see encryptHexStrings). */
export function pdfAscii(text: string): string {
  return `<${Buffer.from(text, 'latin1').toString('hex').toUpperCase()}>`;
}

/** Hex of UTF-16BE code units. */
export function utf16be(text: string): string {
  return [...text].map((ch) => Buffer.from(ch, 'utf16le').swap16().toString('hex').toUpperCase()).join('');
}

const PASSWORD_PAD = Buffer.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a', 'hex');

/** Standard security handler V2 R3 (PDF 1.4): what Acrobat 5 and most "set a password" tools still write. */
class Rc4Security {
  private readonly key: Buffer;
  private readonly o: Buffer;
  private readonly u: Buffer;
  private readonly permissions = -3904; // print, copy and modify all refused: an owner-restricted document

  constructor(userPassword: string, ownerPassword: string, private readonly id: Buffer) {
    const pad = (pw: string): Buffer => Buffer.concat([Buffer.from(pw, 'latin1'), PASSWORD_PAD]).subarray(0, 32);
    let ownerKey = md5(pad(ownerPassword || userPassword));
    for (let k = 0; k < 50; k++) ownerKey = md5(ownerKey);
    this.o = rounds(pad(userPassword), ownerKey);
    const p = Buffer.alloc(4);
    p.writeInt32LE(this.permissions);
    let key = md5(Buffer.concat([pad(userPassword), this.o, p, id]));
    for (let k = 0; k < 50; k++) key = md5(key);
    this.key = key;
    this.u = Buffer.concat([rounds(md5(Buffer.concat([PASSWORD_PAD, id])), key), Buffer.alloc(16)]);
  }

  dictionary(): string {
    return `<< /Filter /Standard /V 2 /R 3 /Length 128 /P ${this.permissions} /O <${this.o.toString('hex')}> /U <${this.u.toString('hex')}> >>`;
  }

  encrypt(data: Uint8Array, num: number): Uint8Array {
    const objectKey = md5(Buffer.concat([this.key, Buffer.from([num & 0xff, (num >> 8) & 0xff, (num >> 16) & 0xff, 0, 0])]));
    return rc4(objectKey, data);
  }

  /** Encrypts the hex strings of an object (`<…>`, not the `<<` of a dictionary). */
  encryptHexStrings(dict: string, num: number): string {
    return dict.replace(/(?<!<)<([0-9A-Fa-f]*)>/g, (_m, hex: string) => `<${Buffer.from(this.encrypt(Buffer.from(hex, 'hex'), num)).toString('hex')}>`);
  }
}

function md5(data: Uint8Array): Buffer {
  return createHash('md5').update(data).digest();
}

/** RC4 with the key, then 19 more times with the key XOR 1…19 (Algorithms 3 and 5, revision 3). */
function rounds(data: Uint8Array, key: Buffer): Buffer {
  let out = rc4(key, data);
  for (let k = 1; k <= 19; k++) out = rc4(key.map((b) => b ^ k), out);
  return Buffer.from(out);
}

function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Uint8Array.from({ length: 256 }, (_v, k) => k);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i] + key[i % key.length]) & 0xff;
    [s[i], s[j]] = [s[j], s[i]];
  }
  const out = new Uint8Array(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]) & 0xff;
    [s[i], s[j]] = [s[j], s[i]];
    out[n] = data[n] ^ s[(s[i] + s[j]) & 0xff];
  }
  return out;
}
