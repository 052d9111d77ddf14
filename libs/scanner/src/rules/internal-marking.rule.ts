import type { Finding, KeywordRule, RuleContext } from './rule';

const PHRASES: Record<string, string> = {
  内部资料: '标有“内部资料”，属于内部事务信息，可不予公开。',
  内部文件: '标有“内部文件”，属于内部事务信息，可不予公开。',
  工作秘密: '标有“工作秘密”，不得对外公开。',
  内部使用: '标明“仅供（限）内部使用”，不应对外发布。',
  内部参考: '标明“仅供内部参考”，不应对外发布。',
  内部参阅: '标有“内部参阅”，不应对外发布。',
  内部传阅: '标有“内部传阅”，不应对外发布。',
  内部刊物: '标有“内部刊物”，不应对外发布。',
  内部明电: '标有“内部明电”，属于内部文件，不应对外发布。',
  请勿外传: '标明“请勿外传”，不应对外发布。',
  不得外传: '标明“不得外传”，不应对外发布。',
  严禁外传: '标明“严禁外传”，不应对外发布。',
  此件不公开: '文件注明“此件不公开”，不得发布。',
  本件不公开: '文件注明“本件不公开”，不得发布。',
  不予公开: '文件注明“不予公开”，不得发布。',
};

// Running-text mentions that name the concept rather than mark the document.
const NOT_A_MARKING: Record<string, RegExp> = {
  // A marking heads the page or is followed by 注意保存; as the object of a verb it names the thing.
  内部资料: /^内部资料性|(?:将|把|对|涉及|存储|处理|传播|上传|转发|外传|泄露|保管|管理|清理|销毁|复制)内部资料$|^内部资料(?:上传|外传|的管理|管理|等)/,
  工作秘密: /(?:国家秘密[和与、及]|保守|涉及|泄露|属于|界定|确定)工作秘密$|^工作秘密(?:管理|保护|事项|范围|的|和|与|、|确定|界定)/,
  内部文件: /^内部文件(?:管理|的|和|与|、|清理|归档|流转)/,
  不予公开: /(?:依法|决定|申请|答复|其中|予以|作出|告知)不予公开$|^不予公开(?:\d|[一二三四五六七八九十]+|的|情形|决定|告知|答复|范围|事项|理由|信息|申请|件|条)/,
};

// 仅供内部使用, 仅限本单位内部使用, 仅供领导干部内部参考: the restriction comes first.
const ONLY_FOR = /仅(?:供|限)[\u4e00-\u9fff]{0,6}$/;
const RESTRICTED = new Set(['内部使用', '内部参考']);
// A marking stands alone (内部文件 请勿外传 / 不得外传。); followed at once by more words it is a sentence about
// documents (内部文件传阅登记制度, 不得外传未公开的信息).
const ENDS_THERE = new Set(['内部文件', '请勿外传', '不得外传', '严禁外传']);
const MARKING_GOES_ON = /^(?:注意|妥善|请勿|不得|严禁|仅供|仅限|请妥善)/;

const ENUMERATED_BEFORE = /、\s*$/;
const ENUMERATED_AFTER = /^\s*(?:、|等)/;

/** 内部资料 注意保存, 内部文件, 工作秘密, 仅供内部使用, 请勿外传, （此件不公开）… → review (条例 article 16). */
export const internalMarkingRule: KeywordRule = {
  kind: 'keyword',
  id: 'internal-marking',
  category: 'internal-marking',
  severity: 'review',
  version: 4,
  keywords: Object.keys(PHRASES),

  match(ctx: RuleContext, keyword: string, start: number, end: number): Finding | undefined {
    const text = ctx.doc.text;
    const around = text.slice(Math.max(0, start - 8), start) + keyword;
    const ahead = keyword + text.slice(end, end + 8);
    const exclusion = NOT_A_MARKING[keyword];
    if (exclusion && (exclusion.test(around) || exclusion.test(ahead))) return undefined;
    let from = start;
    if (RESTRICTED.has(keyword)) {
      const only = ONLY_FOR.exec(text.slice(Math.max(0, start - 8), start));
      // 仅限内部使用的车辆: a restriction on a thing the text is about, not on the text.
      if (!only || text[end] === '的') return undefined;
      from = start - only[0].length;
    }
    if (ENDS_THERE.has(keyword) && /^[\u4e00-\u9fff]/.test(text.slice(end, end + 1)) && !MARKING_GOES_ON.test(text.slice(end, end + 4)))
      return undefined;
    // Only as an annotation such as "（不予公开）" or the 公开属性 field of a document; in reports the phrase counts decisions.
    if (keyword === '不予公开' && !/(?:[(（【[]\s*(?:此件|本件|本文|本文件)?|(?:公开属性|公开方式|公开类别|公开选项|信息公开)\s*[:：]?)\s*$/.test(text.slice(Math.max(0, start - 8), start))) {
      return undefined;
    }
    // One item of a list of kinds (内部文件、内部资料、工作秘密; 涉密信息、内部资料等): the text is about such papers.
    if (ENUMERATED_BEFORE.test(text.slice(Math.max(0, start - 2), start)) || ENUMERATED_AFTER.test(text.slice(end, end + 2))) return undefined;
    let to = end;
    if (keyword === '内部资料') {
      const tail = /^\s*[,，、]?\s*注意保存/.exec(text.slice(end, end + 12));
      if (tail) to = end + tail[0].length;
    }
    return { start: from, end: to, reason: PHRASES[keyword] };
  },
};
