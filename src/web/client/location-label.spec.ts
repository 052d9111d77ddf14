import type { Location } from '@clearance/documents';
import { locationLabel as original } from '@clearance/scanner/location-label';
import { locationLabel } from './location-label';

/** The page's copy must say what the scanner's says, for every kind of place. */
describe('locationLabel (page copy of libs/scanner/src/location-label.ts)', () => {
  const file = '通知.docx';
  const samples: Location[] = [
    { file, part: 'body' },
    { file, part: 'body', page: 3 },
    { file, part: 'body', paragraph: 2 },
    { file, part: 'header' },
    { file, part: 'footer', page: 2 },
    { file, part: 'footnote' },
    { file, part: 'endnote' },
    { file, part: 'comment', author: '李科员' },
    { file, part: 'comment' },
    { file, part: 'tracked-insertion', author: '王主任' },
    { file, part: 'tracked-deletion' },
    { file, part: 'hidden-text', paragraph: 4 },
    { file, part: 'metadata', field: 'dc:creator' },
    { file, part: 'metadata' },
    { file, part: 'sheet', sheet: '汇总', cell: 'C7' },
    { file, part: 'sheet' },
    { file, part: 'hidden-sheet', sheet: '原始数据', cell: 'B2' },
    { file, part: 'cell-comment', sheet: '汇总', cell: 'A1', author: '张三' },
    { file, part: 'slide', slide: 3 },
    { file, part: 'slide' },
    { file, part: 'notes', slide: 2 },
    { file, part: 'notes' },
    { file, part: 'comment', slide: 3, author: '李科员' },
    { file, part: 'ocr', page: 2 },
    { file, part: 'ocr' },
    { file, part: 'embedded', inner: { file: 'x.xlsx', part: 'hidden-sheet', sheet: '名单', cell: 'D4' } },
    { file, part: 'embedded', page: 2, inner: { file: 'y.docx', part: 'embedded', inner: { file: 'z.pdf', part: 'body', page: 1 } } },
    { file, part: 'embedded', field: 'oleObject1.bin' },
    { file, part: 'html-comment' },
    { file, part: 'html-attribute', field: 'href' },
    { file, part: 'html-attribute' },
    { file, part: 'html-hidden' },
    { file, part: 'script', field: 'style' },
    { file, part: 'script' },
    { file, part: 'unreadable' },
    { file, part: 'unreadable', page: 5 },
    { file, part: 'unreadable', slide: 4 },
    { file, part: 'unreadable', sheet: '附表' },
    { file, part: 'header', sheet: '汇总' },
  ];

  it.each(samples.map((location) => [original(location), location]))('%s', (expected, location) => {
    expect(locationLabel(location as Location)).toBe(expected);
  });
});
