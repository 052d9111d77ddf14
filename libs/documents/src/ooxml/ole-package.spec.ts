import { strToU8 } from 'fflate';
import { buildOle10Native, buildOleObject } from '../../test-fixtures/build/docx-fixtures';
import { parseOle10Native, unwrapOlePackage } from './ole-package';

describe('unwrapOlePackage', () => {
  it('unwraps an Ole10Native stream, naming the file from its GBK label', () => {
    const name = Uint8Array.from([0xc3, 0xfb, 0xb5, 0xa5, ...strToU8('.pdf')]);

    const sut = unwrapOlePackage(buildOle10Native(strToU8('%PDF-1.4 ...'), name));

    expect(sut?.name).toBe('名单.pdf');
    expect(Buffer.from(sut?.bytes ?? []).toString()).toBe('%PDF-1.4 ...');
  });

  it('unwraps a Package stream and an Acrobat CONTENTS stream', () => {
    expect(unwrapOlePackage(buildOleObject({ Package: strToU8('PK-bytes') }))?.bytes).toEqual(strToU8('PK-bytes'));
    expect(unwrapOlePackage(buildOleObject({ CONTENTS: strToU8('%PDF-1.7') }))?.bytes).toEqual(strToU8('%PDF-1.7'));
  });

  it('gives nothing for an object that wraps no file, or bytes that are not OLE', () => {
    expect(unwrapOlePackage(buildOleObject({ 'Equation Native': new Uint8Array(40) }))).toBeUndefined();
    expect(unwrapOlePackage(strToU8('not an OLE file at all'))).toBeUndefined();
  });
});

describe('parseOle10Native', () => {
  it('refuses a stream whose data size runs past its end', () => {
    const bytes = new Uint8Array([0x20, 0, 0, 0, 2, 0, 0x61, 0, 0x62, 0, 0, 0, 3, 0, 1, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 1, 2]);

    expect(parseOle10Native(bytes)).toBeUndefined();
  });

  it('refuses a stream cut inside its names', () => {
    expect(parseOle10Native(new Uint8Array([0x20, 0, 0, 0, 2, 0, 0x61, 0x62]))).toBeUndefined();
    expect(parseOle10Native(new Uint8Array([1, 2]))).toBeUndefined();
  });
});
