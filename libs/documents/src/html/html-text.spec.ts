import { extractHtmlText, type HtmlSegment } from './html-text';

const places = (segments: readonly HtmlSegment[]): Array<[string, string | undefined, string]> => segments.map((s) => [s.part, s.field, s.text]);
/** Every unit of a segment maps back into the source range it was read from. */
const sourceOf = (source: string, s: HtmlSegment, from = 0, to = s.text.length): string => source.slice(s.toSource(from), s.toSourceEnd(to));

describe('extractHtmlText', () => {
  it('keeps the visible text as the scanner always read it', () => {
    const source = '<div title="标题"><p>A&amp;B</p><img src=x alt=\'图片\'><p>尾</p></div>';
    expect(extractHtmlText(source).visible.text).toBe('标题\nA&B\n图片\n尾\n');
  });

  it('gives comments as segments, commented-out markup read as text', () => {
    const source = '<p>公开</p><!-- 机密★10年 --><!-- <p>旧<b>稿</b></p> -->';
    const sut = extractHtmlText(source);
    expect(sut.visible.text).toBe('公开\n');
    expect(places(sut.segments)).toEqual([
      ['html-comment', undefined, ' 机密★10年 '],
      ['html-comment', undefined, ' \n旧稿\n '],
    ]);
    expect(sourceOf(source, sut.segments[0], 1, 7)).toBe('机密★10年');
  });

  it('reads conditional comments: the downlevel-hidden content, not the bare conditions', () => {
    const source = '<!--[if gte mso 9]><xml><o:Author>张三</o:Author></xml><![endif]--><![if !IE]><p>正文</p><![endif]>';
    const sut = extractHtmlText(source);
    expect(sut.visible.text).toBe('正文\n');
    expect(places(sut.segments)).toEqual([['html-comment', undefined, '[if gte mso 9]>张三']]);
  });

  it('gives script, style, noscript and template text as `script` segments named by element', () => {
    const source = '<script>var a = "<p>x</p>";</script><style>.x{}</style><noscript><p>请启用<b>脚本</b></p></noscript><template><i>t</i></template>';
    const sut = extractHtmlText(source);
    expect(sut.visible.text).toBe('');
    expect(places(sut.segments)).toEqual([
      ['script', 'script', 'var a = "<p>x</p>";'],
      ['script', 'style', '.x{}'],
      ['script', 'noscript', '请启用脚本\n'],
      ['script', 'template', 't'],
    ]);
  });

  it('gives attribute values named by attribute, entities and URL percent-encoding decoded', () => {
    const source = '<a href="/f?a=1&amp;sfz=%31%31%30%31%30%35&amp;n=%E5%BC%A0%E4%B8%89" data-phone="138 0013 8000" class="x" style="color:red">下载</a>';
    const sut = extractHtmlText(source);
    expect(sut.visible.text).toBe('下载');
    expect(places(sut.segments)).toEqual([
      ['html-attribute', 'href', '/f?a=1&sfz=110105&n=张三'],
      ['html-attribute', 'data-phone', '138 0013 8000'],
    ]);
    const href = sut.segments[0];
    expect(sourceOf(source, href, 11, 17)).toBe('%31%31%30%31%30%35');
    expect(sourceOf(source, href, 20, 22)).toBe('%E5%BC%A0%E4%B8%89');
    expect(sourceOf(source, href, 6, 7)).toBe('&amp;');
  });

  it('decodes GB18030 percent-encoding that is not UTF-8, and leaves text percent signs alone', () => {
    const sut = extractHtmlText('<a href="/s?q=%D5%C5%C8%FD">x</a><input value="增长50%以上" placeholder="100%">');
    expect(places(sut.segments)).toEqual([
      ['html-attribute', 'href', '/s?q=张三'],
      ['html-attribute', 'value', '增长50%以上'],
      ['html-attribute', 'placeholder', '100%'],
    ]);
  });

  it('gives meta content as an attribute', () => {
    const sut = extractHtmlText('<head><meta name="author" content="李科员 13800138000"><title>通知</title></head>');
    expect(sut.visible.text).toBe('通知\n');
    expect(places(sut.segments)).toContainEqual(['html-attribute', 'content', '李科员 13800138000']);
  });

  it('moves the text of hidden elements out of the visible text', () => {
    const source = '<p>甲</p><div style="display: none">联系人<b>手机</b>13800138000</div><p>乙<span hidden>丙</span>丁</p><p style="VISIBILITY:hidden">戊</p><p>己</p>';
    const sut = extractHtmlText(source);
    expect(sut.visible.text).toBe('甲\n乙丁\n己\n');
    expect(places(sut.segments)).toEqual([
      ['html-hidden', undefined, '联系人手机13800138000'],
      ['html-hidden', undefined, '丙'],
      ['html-hidden', undefined, '戊'],
    ]);
    expect(sourceOf(source, sut.segments[0], 5, 16)).toBe('13800138000');
  });

  it('ends a hidden element where the browser would: nesting, implied and ancestor end tags', () => {
    expect(extractHtmlText('<div hidden><div>a</div>b</div>c').visible.text).toBe('c');
    expect(extractHtmlText('<ul><li hidden>a<li>b</ul>').visible.text).toBe('b\n');
    expect(extractHtmlText('<table><tr><td hidden>a</tr><tr><td>b</td></tr></table>').visible.text).toBe('b\n');
    expect(places(extractHtmlText('<img hidden alt="说明" src="a.png">').segments)).toEqual([
      ['html-hidden', undefined, '说明\n'],
      ['html-attribute', 'src', 'a.png'],
    ]);
  });

  it('tolerates broken markup', () => {
    const sut = extractHtmlText('a < b <!-- open <p title="x>y">c<p unclosed');
    expect(sut.visible.text).toBe('a < b ');
    expect(places(sut.segments)).toEqual([['html-comment', undefined, ' open \nx>y\nc\n']]);
    expect(extractHtmlText('<div hidden>never closed').segments[0].text).toBe('never closed');
  });
});
