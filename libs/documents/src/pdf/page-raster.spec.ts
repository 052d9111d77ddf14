import { paintImages, toPgm, type DecodedImage } from './page-raster';

/** A 2×2 RGB image: black, white / white, white — its dark pixel marks where the first row's start went. */
const corner: DecodedImage = { width: 2, height: 2, kind: 2, data: Uint8Array.from([0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255]) };
const rows = (r: { width: number; gray: Uint8Array }): number[][] => Array.from({ length: r.gray.length / r.width }, (_v, y) => [...r.gray.subarray(y * r.width, (y + 1) * r.width)]);

describe('paintImages', () => {
  it('paints an image upright where its matrix puts it, on white', () => {
    // Raster space has y down: the unit square's top (v = 1, the first row) maps to raster row 1.
    const sut = paintImages(4, 4, [{ image: corner, mask: false, matrix: [2, 0, 0, -2, 1, 3] }]);
    expect(rows(sut)).toEqual([
      [255, 255, 255, 255],
      [255, 0, 255, 255],
      [255, 255, 255, 255],
      [255, 255, 255, 255],
    ]);
  });

  it('turns an image stored a quarter turn round as its matrix says', () => {
    // Image columns run down the raster, image rows run right to left: the first pixel lands top right.
    const sut = paintImages(2, 2, [{ image: corner, mask: false, matrix: [0, 2, 2, 0, 0, 0] }]);
    expect(rows(sut)).toEqual([
      [255, 0],
      [255, 255],
    ]);
  });

  it('reads 1-bit images as black at 0, and stencil masks as painting where the bit is 0', () => {
    const bits = { width: 2, height: 1, data: Uint8Array.from([0b01000000]) };
    expect([...paintImages(2, 1, [{ image: { ...bits, kind: 1 }, mask: false, matrix: [2, 0, 0, -1, 0, 1] }]).gray]).toEqual([0, 255]);
    const under: DecodedImage = { width: 1, height: 1, kind: 2, data: Uint8Array.from([128, 128, 128]) };
    const sut = paintImages(2, 1, [
      { image: under, mask: false, matrix: [2, 0, 0, -1, 0, 1] },
      { image: bits, mask: true, matrix: [2, 0, 0, -1, 0, 1] },
    ]);
    expect([...sut.gray]).toEqual([0, 128]);
  });

  it('composites an RGBA image by its alpha', () => {
    const half: DecodedImage = { width: 1, height: 1, kind: 3, data: Uint8Array.from([0, 0, 0, 128]) };
    expect([...paintImages(1, 1, [{ image: half, mask: false, matrix: [1, 0, 0, -1, 0, 1] }]).gray]).toEqual([127]);
  });

  it('averages the pixels of an image drawn smaller than it is, so thin strokes survive as gray', () => {
    const stripes: DecodedImage = { width: 4, height: 1, kind: 2, data: Uint8Array.from([0, 0, 0, 255, 255, 255, 0, 0, 0, 255, 255, 255]) };
    expect([...paintImages(2, 1, [{ image: stripes, mask: false, matrix: [2, 0, 0, -1, 0, 1] }]).gray]).toEqual([128, 128]);
  });

  it('ignores images whose data does not match their kind', () => {
    const short: DecodedImage = { width: 10, height: 10, kind: 2, data: new Uint8Array(5) };
    expect([...paintImages(1, 1, [{ image: short, mask: false, matrix: [1, 0, 0, -1, 0, 1] }]).gray]).toEqual([255]);
  });
});

describe('toPgm', () => {
  it('writes a binary PGM header and the pixels', () => {
    const pgm = toPgm({ width: 2, height: 1, gray: Uint8Array.from([0, 255]) });
    expect(Buffer.from(pgm.subarray(0, 11)).toString('latin1')).toBe('P5\n2 1\n255\n');
    expect([...pgm.subarray(11)]).toEqual([0, 255]);
  });
});
