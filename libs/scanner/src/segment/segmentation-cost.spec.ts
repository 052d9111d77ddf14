import { readFileSync } from 'node:fs';

/** jieba's dictionaries take over a second to load: count what reaches it. */
const mockJieba = { cut: 0, extract: 0 };
jest.mock('nodejieba', () => {
  const real = jest.requireActual<typeof import('nodejieba')>('nodejieba');
  return {
    ...real,
    cut: (...args: Parameters<typeof real.cut>) => {
      mockJieba.cut++;
      return real.cut(...args);
    },
    extract: (...args: Parameters<typeof real.extract>) => {
      mockJieba.extract++;
      return real.extract(...args);
    },
  };
});

import { parseLexicon } from '../lexicon/lexicon-parser';
import { Scanner } from '../scanner';

describe('segmentation only where it decides something', () => {
  beforeEach(() => {
    mockJieba.cut = 0;
    mockJieba.extract = 0;
  });

  it('never calls jieba for a scan without summary keywords and without a word-mode term between CJK characters', () => {
    const sut = Scanner.create({ keywords: 0, lexicons: [parseLexicon('代号甲\tsensitive-term\treview\n长城\tsensitive-term\treview\t\tword\n')] });
    const body = readFileSync('/work/shared/corpus/seed-reports.txt', 'utf8');
    sut.scan({ body: `${body}\n代号甲已启用。代号“长城”，另附：长城（1份）。` });
    expect(mockJieba).toEqual({ cut: 0, extract: 0 });
  });

  it('asks jieba only where two CJK characters meet at the edge of a word-mode term', () => {
    const sut = Scanner.create({ keywords: 0, includeDefault: false, lexicons: [parseLexicon('长城\tsensitive-term\treview\t\tword\n')] });
    expect(sut.scan({ body: '组织参观万里长城' }).hits).toEqual([]);
    expect(mockJieba.cut).toBe(1);
  });

  it('extracts summary keywords when asked to', () => {
    Scanner.create({ keywords: 4 }).scan({ body: '政府信息公开工作年度报告' });
    expect(mockJieba.extract).toBe(1);
  });
});
