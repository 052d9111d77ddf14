import { parseXml } from '../xml/parse-xml';
import { ContentCollector, deltas } from './page-content';

const collect = (xml: string): ContentCollector => {
  const sut = new ContentCollector();
  parseXml(xml, { open: (el) => sut.open(el), close: (el) => sut.close(el), text: (t) => sut.text(t) });
  return sut;
};

describe('deltas', () => {
  it('expands `g n v` repeats among plain values', () => {
    expect(deltas('g 3 5.6 2.8 g 2 1')).toEqual([5.6, 5.6, 5.6, 2.8, 1, 1]);
  });

  it('reads nothing from an absent DeltaX', () => {
    expect(deltas(undefined)).toEqual([]);
  });
});

describe('ContentCollector', () => {
  it('places codes on the page through the Boundary and the CTM', () => {
    const sut = collect(
      '<Page><TextObject Boundary="100 200 50 10" CTM="0.5 0 0 0.5 0 0" Size="10"><TextCode X="20" Y="8" DeltaX="g 1 10">机密</TextCode></TextObject></Page>',
    );
    expect(sut.parts.codes).toEqual([{ text: '机密', x: 110, y: 204, end: 120, size: 5, object: 0, vertical: false }]);
  });

  it('leaves out text that only shapes a clip, and collects image and composite references', () => {
    const sut = collect(
      '<Page><TextObject Boundary="0 0 50 10" Size="3"><Clips><Clip><Area><Text Boundary="0 0 1 1" Size="3"><TextCode X="0" Y="1">剪</TextCode></Text></Area></Clip></Clips>' +
        '<TextCode X="0" Y="3">正文</TextCode></TextObject><ImageObject ResourceID="7"/><CompositeObject ResourceID="8"/></Page>',
    );
    expect(sut.parts.codes.map((c) => c.text)).toEqual(['正文']);
    expect(sut.parts).toMatchObject({ images: ['7'], composites: ['8'] });
  });
});
