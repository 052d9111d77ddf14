import { extractDocument } from '../extract-document';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('readHtmlFile', () => {
  it('emits the visible text by line as body, then every hidden place as a piece of its part', async () => {
    const html = '<!doctype html><html><head><meta name="author" content="李科员"></head><body><p>第一段</p><!-- 机密★10年 --><p>第二段<a href="/f?sfz=%31%31">附件</a></p><div hidden>隐藏</div></body></html>';
    const sut = await extractDocument(bytes(html), 'page.html');
    expect(sut.coverage.format).toBe('html');
    expect(sut.coverage.gaps).toEqual([]);
    expect(sut.pieces.map((p) => [p.text, p.location])).toEqual([
      ['第一段', { file: 'page.html', part: 'body', paragraph: 1 }],
      ['第二段附件', { file: 'page.html', part: 'body', paragraph: 2 }],
      ['李科员', { file: 'page.html', part: 'html-attribute', field: 'content' }],
      [' 机密★10年 ', { file: 'page.html', part: 'html-comment' }],
      ['/f?sfz=11', { file: 'page.html', part: 'html-attribute', field: 'href' }],
      ['隐藏', { file: 'page.html', part: 'html-hidden' }],
    ]);
  });

  it('reads GB18030 pages', async () => {
    const gb = new Uint8Array([...bytes('<html><body><p>'), 0xd5, 0xc5, 0xc8, 0xfd, ...bytes('</p></body></html>')]);
    const sut = await extractDocument(gb, 'gb.html');
    expect(sut.pieces.map((p) => p.text)).toEqual(['张三']);
  });
});
