import { extractDocument } from '../extract-document';

/** An EMF as GDI writes it: header, the given records, EOF. */
function emf(records: Uint8Array[]): Uint8Array {
  const header = new Uint8Array(88);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, 1, true);
  hv.setUint32(4, 88, true);
  header.set([0x20, 0x45, 0x4d, 0x46], 40);
  const eof = new Uint8Array(20);
  new DataView(eof.buffer).setUint32(0, 14, true);
  new DataView(eof.buffer).setUint32(4, 20, true);
  const all = [header, ...records, eof];
  const out = new Uint8Array(all.reduce((n, r) => n + r.length, 0));
  let at = 0;
  for (const r of all) out.set(r, (at += r.length) - r.length);
  return out;
}

function textRecord(text: string): Uint8Array {
  const chars = text.length;
  const size = 76 + Math.ceil((chars * 2) / 4) * 4;
  const r = new Uint8Array(size);
  const v = new DataView(r.buffer);
  v.setUint32(0, 84, true);
  v.setUint32(4, size, true);
  v.setUint32(44, chars, true);
  v.setUint32(48, 76, true);
  for (let k = 0; k < chars; k++) v.setUint16(76 + 2 * k, text.charCodeAt(k), true);
  return r;
}

function bitmapRecord(): Uint8Array {
  const r = new Uint8Array(80);
  new DataView(r.buffer).setUint32(0, 81, true);
  new DataView(r.buffer).setUint32(4, 80, true);
  return r;
}

describe('EMF reader', () => {
  it('reads the text of its text records, whatever the file is called', async () => {
    const sut = await extractDocument(emf([textRecord('机密★10年'), textRecord('联系人：张三')]), 'image1.png');
    expect(sut.coverage.format).toBe('emf');
    expect(sut.pieces.map((p) => [p.text, p.location.part])).toEqual([['机密★10年', 'body'], ['联系人：张三', 'body']]);
    expect(sut.coverage.gaps).toEqual([]);
  });

  it('reports the bitmaps it holds as not examined', async () => {
    const sut = await extractDocument(emf([textRecord('图1'), bitmapRecord()]), 'image2.emf');
    expect(sut.coverage.gaps).toEqual([expect.objectContaining({ reason: 'unsupported', location: { file: 'image2.emf', part: 'unreadable' } })]);
  });

  it('reports a damaged record as damaged, not clean', async () => {
    const bytes = emf([textRecord('第一条')]);
    new DataView(bytes.buffer).setUint32(88 + 4, 3, true);
    const sut = await extractDocument(bytes, 'bad.emf');
    expect(sut.coverage.gaps.map((g) => g.reason)).toEqual(['damaged']);
  });

  it('never reads a WMF as clean', async () => {
    const wmf = new Uint8Array([0xd7, 0xcd, 0xc6, 0x9a, 0, 0, 0, 0, 0, 0, 0, 0]);
    const sut = await extractDocument(wmf, 'x.wmf');
    expect(sut.coverage.format).toBe('wmf');
    expect(sut.coverage.gaps.map((g) => g.reason)).toEqual(['unsupported']);
  });
});
