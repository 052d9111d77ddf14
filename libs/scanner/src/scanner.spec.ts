import { readFileSync } from 'node:fs';
import { extractText } from './extract/extracted-text';
import { parseLexicon } from './lexicon/lexicon-parser';
import { Scanner } from './scanner';

describe('Scanner', () => {
  const sut = Scanner.create();

  it('scans the seed reports clean: they speak of secrecy but carry none', () => {
    const body = readFileSync('/work/shared/corpus/seed-reports.txt', 'utf8');
    const result = sut.scan({ title: '政府信息公开工作自查报告', body });
    expect(result.hits.filter((h) => h.severity !== 'info')).toEqual([]);
    expect(result.verdict).toBe('pass');
    expect(result.keywords.length).toBeGreaterThan(0);
  });

  it('reports versions, duration and keywords', () => {
    const result = sut.scan({ body: '政府信息公开工作年度报告：全年主动公开政府信息906条。' });
    expect(result.lexiconVersion).toMatch(/^[0-9a-f]{16}$/);
    expect(result.rulesVersion).toMatch(/^r1-[0-9a-f]{12}$/);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(result.keywords).toContain('信息');
  });

  it('scans the title as its own field', () => {
    const result = sut.scan({ title: '机密★1年', body: '正文' });
    expect(result.verdict).toBe('block');
    expect(result.hits[0]).toMatchObject({ field: 'title', start: 0, end: 5, text: '机密★1年' });
  });

  it('maps html hits to the source and to the extracted text', () => {
    const body = '<div title="x">正文<p>机<b>密</b>&#9733;10年</p></div>';
    const [hit] = sut.scan({ body, format: 'html' }).hits;
    expect(hit.text).toBe('机<b>密</b>&#9733;10年');
    expect(body.slice(hit.start, hit.end)).toBe(hit.text);
    expect(extractText(body, 'html').text.slice(hit.plainStart, hit.plainEnd)).toBe('机密★10年');
    expect(hit.normalized).toBe('机密★10年');
  });

  it('applies extra lexicons with their allow phrases and word boundaries', () => {
    const extra = parseLexicon('试点单位\tsensitive-term\treview\n某工程\tsensitive-term\tblock\t某工程师\n');
    const withExtra = Scanner.create({ lexicons: [extra] });
    expect(withExtra.lexiconVersion).not.toBe(sut.lexiconVersion);
    expect(withExtra.scan({ body: '确定试点单位' }).hits.map((h) => h.ruleId)).toEqual(['lexicon:试点单位']);
    expect(withExtra.scan({ body: '某工程师到场' }).hits).toEqual([]);
    expect(withExtra.scan({ body: '某工程已开工' }).verdict).toBe('block');
  });

  it('matches a term wherever it occurs unless it opts into word matching', () => {
    const substring = Scanner.create({ lexicons: [parseLexicon('长城\tsensitive-term\treview\n')], includeDefault: false, keywords: 0 });
    expect(substring.scan({ body: '组织参观万里长城' }).hits.map((h) => h.ruleId)).toEqual(['lexicon:长城']);
    expect(substring.scan({ body: '“长城行动”方案' }).hits.map((h) => h.ruleId)).toEqual(['lexicon:长城']);
    const word = Scanner.create({ lexicons: [parseLexicon('长城\tsensitive-term\treview\t\tword\nab1\tsensitive-term\treview\t\tword\n')], includeDefault: false, keywords: 0 });
    expect(word.scan({ body: '组织参观万里长城' }).hits).toEqual([]);
    expect(word.scan({ body: '代号长城，不要说' }).hits.map((h) => h.ruleId)).toEqual(['lexicon:长城']);
    expect(word.scan({ body: '长城' }).hits).toHaveLength(1);
    expect(word.scan({ body: '代号ab1，代号xab12' }).hits.map((h) => h.text)).toEqual(['ab1']);
  });

  it('takes the same word across a line break the text wraps at', () => {
    const word = Scanner.create({ lexicons: [parseLexicon('兵力部署\tsensitive-term\tblock\n')], includeDefault: false, keywords: 0 });
    const [hit] = word.scan({ body: '关于兵力\n部署的说明' }).hits;
    expect(hit).toMatchObject({ ruleId: 'lexicon:兵力部署', text: '兵力\n部署', start: 2, end: 7 });
    expect(word.scan({ body: '兵力\n\n\n部署' }).hits).toEqual([]);
  });

  it('counts a term inside a longer term once', () => {
    const hits = sut.scan({ body: '附件：尚未公布的统计数据汇总表' }).hits;
    expect(hits.map((h) => h.ruleId)).toEqual(['lexicon:尚未公布的统计数据']);
  });

  it('keeps a stricter term inside a laxer one, and still counts what that stricter term encloses once', () => {
    const outer = parseLexicon('附件所列尚未公布的统计数据\tsensitive-term\tinfo\n');
    const nested = Scanner.create({ lexicons: [outer], keywords: 0 });
    const hits = nested.scan({ body: '附件所列尚未公布的统计数据以统计部门发布为准。' }).hits;
    expect(hits.map((h) => [h.ruleId, h.severity])).toEqual([
      ['lexicon:附件所列尚未公布的统计数据', 'info'],
      ['lexicon:尚未公布的统计数据', 'review'],
    ]);
  });

  it('marks the whole of a grouped 19-digit card and the whole of a flat', () => {
    const [card] = sut.scan({ body: '卡号：6222 0212 3456 7890 128' }).hits;
    expect(card).toMatchObject({ ruleId: 'bank-card', text: '6222 0212 3456 7890 128', suggestion: '622202*********0128' });
    const [home] = sut.scan({ body: '申请人：陈某，住某区江东北路二段56号6幢2单元402室。' }).hits;
    expect(home).toMatchObject({ ruleId: 'home-address', text: '住某区江东北路二段56号6幢2单元402室' });
    const [flat] = sut.scan({ body: '家庭住址：某路18号3栋2单元501室，电话' }).hits;
    expect(flat.text).toBe('家庭住址：某路18号3栋2单元501室');
  });

  it('quotes the closing a 请示 uses', () => {
    const [hit] = sut.scan({ body: '妥否，请批复。' }).hits;
    expect(hit.reason).toContain('“妥否,请批复”');
  });

  it('is cheap to create again with the same lexicon', () => {
    const t0 = performance.now();
    for (let k = 0; k < 20; k++) Scanner.create();
    expect((performance.now() - t0) / 20).toBeLessThan(20);
  });

  it('resolves overlapping numbers by priority: ID over USCC over bank card', () => {
    const hits = sut.scan({ body: '号码11010519491231002X，代码91350100M000100Y43，卡号6222021234567890128' }).hits;
    expect(hits.map((h) => [h.ruleId, h.severity])).toEqual([
      ['resident-id', 'review'],
      ['uscc', 'info'],
      ['bank-card', 'review'],
    ]);
    expect(hits.map((h) => h.suggestion)).toEqual(['1101**********002X', undefined, '622202*********0128']);
  });
});
