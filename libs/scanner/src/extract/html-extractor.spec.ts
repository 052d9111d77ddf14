import { extractText } from './extracted-text';

describe('extractText html', () => {
  it('keeps text nodes, alt and title; decodes entities; skips script, style and comments', () => {
    const source = '<html><head><style>p{}</style><script>var a="<p>x</p>";</script></head><body><!-- c --><p title="标题">A&amp;B&nbsp;&#x4e2d;&#25991;</p><img src=x alt=\'图片\'><p>尾</p></body></html>';
    const sut = extractText(source, 'html');
    expect(sut.text).toBe('标题\nA&B\u00a0中文\n图片\n尾\n');
  });

  it('maps every text unit back to its source, entities to the whole entity', () => {
    const source = '<b>a&amp;b</b>';
    const sut = extractText(source, 'html');
    expect(sut.text).toBe('a&b');
    expect(source.slice(sut.toSource(1), sut.toSourceEnd(2))).toBe('&amp;');
    expect(source.slice(sut.toSource(0), sut.toSourceEnd(3))).toBe('a&amp;b');
  });

  it('tolerates broken markup', () => {
    const sut = extractText('a < b <p title="x>y">c<p unclosed', 'html');
    expect(sut.text).toBe('a < b \nx>y\nc\n');
    expect(extractText('<b>1 &unknown; 2 &amp 3', 'html').text).toBe('1 &unknown; 2 & 3');
  });

  it('does not join words across blocks, but does across inline tags', () => {
    expect(extractText('<p>机</p><p>密</p>机<b>密</b>', 'html').text).toBe('机\n密\n机密');
  });

  it('is the identity for text', () => {
    const sut = extractText('a&amp;<b>', 'text');
    expect(sut.text).toBe('a&amp;<b>');
    expect(sut.toSource(3)).toBe(3);
  });
});
