import * as CFB from 'cfb';

/** A file wrapped in an OLE object: its name (when the wrapper gives one) and its bytes. */
export interface OlePayload {
  name?: string;
  bytes: Uint8Array;
}

const ansi = new TextDecoder('gb18030');

/**
 * The file inside an OLE embedding (`oleObject1.bin`), or undefined when it carries none this reader understands:
 * an `Ole10Native` stream (Packager: a dragged-in file), a `Package` stream (an OOXML file embedded as an object) or
 * a `CONTENTS` stream (Acrobat's PDF objects).
 */
export function unwrapOlePackage(bytes: Uint8Array): OlePayload | undefined {
  let container: CFB.CFB$Container;
  try {
    container = CFB.read(bytes, { type: 'buffer' });
  } catch {
    return undefined;
  }
  const stream = (name: string): Uint8Array | undefined => {
    const k = container.FileIndex.findIndex((e) => e.type === 2 && e.name === name);
    if (k < 0) return undefined;
    const content = container.FileIndex[k].content;
    return content instanceof Uint8Array ? content : Uint8Array.from(content);
  };
  const native = stream('\u0001Ole10Native');
  if (native) return parseOle10Native(native);
  const pkg = stream('Package') ?? stream('CONTENTS');
  return pkg && pkg.length > 0 ? { bytes: pkg } : undefined;
}

/**
 * Ole10Native as the Packager writes it (undocumented; layout as oletools reads it): uint32 size, uint16 flags,
 * label\0, source path\0, uint32, uint32 temp-path length, temp path\0, uint32 data size, data. Every length is checked.
 */
export function parseOle10Native(b: Uint8Array): OlePayload | undefined {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let at = 4 + 2;
  const cString = (): string | undefined => {
    const end = b.indexOf(0, at);
    if (end < 0) return undefined;
    const s = ansi.decode(b.subarray(at, end));
    at = end + 1;
    return s;
  };
  if (b.length < at) return undefined;
  const label = cString();
  const source = cString();
  if (label === undefined || source === undefined || at + 8 > b.length) return undefined;
  at += 8;
  if (cString() === undefined || at + 4 > b.length) return undefined;
  const size = view.getUint32(at, true);
  at += 4;
  if (size === 0 || at + size > b.length) return undefined;
  const name = baseName(label) || baseName(source);
  return { name: name || undefined, bytes: b.subarray(at, at + size) };
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop()?.trim() ?? '';
}
