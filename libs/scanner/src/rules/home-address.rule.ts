import type { Finding, KeywordRule, RuleContext } from './rule';

/** "…，男，住某市…": 住 as a verb after a comma (normalised: the full-width comma is ","). */
const LIVES_AT = ',住';
/** Lead-ins that name a person's home by themselves (家庭住址, 家住): what follows down to the house is private. */
const HOME_LEADS = ['住址', '家庭住址', '家庭地址', '户籍地址', '户籍地', '户籍所在地', '居住地址', '居住地', '家住', '现住', '现居住', '暂住地', '户口所在地'];
/**
 * Lead-ins shared by people and organisations (a company's 住所 is its registered seat, published in every penalty
 * decision): private only when the record is a person's, or the address goes down to a flat or a village house.
 */
const SEAT_LEADS = ['住所', '住所地', '送达地址', '房屋坐落', '房屋地址', '联系地址', LIVES_AT];
/** The address's own structure, with no lead-in: a building's unit (3栋2单元) or a village group (3组15号). */
const STRUCTURE = ['单元', '栋', '幢', '号楼', '组'];
/**
 * Keywords are the numbered forms (3组, 二组, 5栋), so 组织 and 小组, which are everywhere, never reach the rule.
 */
const NUMERALS = '0123456789一二三四五六七八九十';
const NUMBERED = STRUCTURE.flatMap((w) => [...NUMERALS].map((n) => n + w));
/** One component of an address below the street: 56号, 6幢, 2单元, 402室, 3组, 附1号, 12号院, 4号楼. */
const PART = /(?:附\s*)?(?:\d+|[一二三四五六七八九十百]+)\s*(?:号院|号楼|号|室|组|栋|幢|单元|弄|社|队|排|楼|层|户)/g;
const BUILDING = /栋|幢|号楼|单元/;
/** A flat given without 室 (…1单元201) ends the address. */
const BARE_ROOM = /^\s*\d{3,4}(?![\d号室])/;
const STREET = /(?:路|街|巷|道|胡同|弄|里|小区|花园|苑|公寓|大厦|家园|新村|广场|院)[^\d]{0,8}?\d+\s*号/;
const VILLAGE_HOUSE = /(?:村|社区)[^\d一二三四五六七八九十]{0,4}(?:\d+|[一二三四五六七八九十]+)\s*(?:组|社|队)\s*\d+\s*号/;
/** Where a clause (and so an address) ends. */
const CLAUSE_END = /[\n,;。()、:]/;
const REACH = 60;
/** The record an address belongs to: this far back, not past the end of a sentence or a blank line. */
const RECORD_BACK = 80;

// Whose record it is. The last word of either kind before the address decides: 当事人：某某有限公司，住所… is a company's.
const PERSON = /申请人|当事人|原告|被告|第三人|上诉人|委托人|被处罚人|受送达人|户主|户名|救助对象|低保对象|保障对象|困难群众|村民|居民|被征收人|被拆迁人|承租人|举报人|投诉人|信访人|患者|学生|家属|姓名|性别|出生|汉族|民族|身份证|公民身份|(?:^|[,:\s])[男女](?=[,\s]|$)/g;
const ORGANISATION =
  /公司|有限|集团|企业|商行|门市|中心|医院|卫生院|学校|中学|小学|幼儿园|学院|大学|银行|支行|分行|信用社|合作社|协会|学会|商会|基金会|事务所|委员会|政府|办公室|统一社会信用代码|法定代表人|营业执照|[局厂店馆站所部队]\s*(?=[,:;\s(]|$)/g;
/** Labels of places that are not homes: 办公地址, 活动地点, 位于…. */
const PLACE_FIELD = /(?:办公|单位|营业|经营|注册|企业|机构|办事|服务|活动|咨询|报名|考试|项目|工程|会议|培训)(?:地址|地点|场所)|地点|位于|坐落于|设在/;

interface Address {
  end: number;
  /** Down to a flat (单元, 室) or a village house (村…组…号). */
  private: boolean;
}

/** The address starting at `from`: its components below the street, within its clause. */
function addressAt(text: string, from: number): Address | undefined {
  let to = from;
  while (to < text.length && to - from < REACH && !CLAUSE_END.test(text[to])) to++;
  const clause = text.slice(from, to);
  let end = -1;
  let building = false;
  let last = '';
  PART.lastIndex = 0;
  for (let m = PART.exec(clause); m; m = PART.exec(clause)) {
    // Components follow one another; a number further on (月补差620元) is not part of the address.
    if (end >= 0 && m.index - end > 8) break;
    end = m.index + m[0].length;
    last = m[0];
    if (BUILDING.test(last)) building = true;
  }
  if (end < 0) return undefined;
  const bare = BARE_ROOM.exec(clause.slice(end));
  if (bare && /单元|楼|层/.test(last)) end += bare[0].length;
  const street = clause.slice(0, end);
  const flat = (building && (/室|户|号$/.test(last) || !!bare)) || /\d+\s*室/.test(street);
  return { end: from + end, private: (flat && (STREET.test(street) || /栋|幢|单元/.test(street))) || VILLAGE_HOUSE.test(street) };
}

/** The record before `at`: back to the end of the previous sentence or a blank line. */
function recordBefore(text: string, at: number): string {
  const from = Math.max(0, at - RECORD_BACK);
  const before = text.slice(from, at);
  const cut = Math.max(before.lastIndexOf('。'), before.lastIndexOf('\n\n'));
  return cut >= 0 ? before.slice(cut + 1) : before;
}

function lastIndex(re: RegExp, s: string): number {
  let at = -1;
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    at = m.index;
    if (m[0] === '') re.lastIndex++;
  }
  return at;
}

/** `person`: the record names a person after any organisation; `organisation`: the other way round. */
function ownerOf(record: string): 'person' | 'organisation' | undefined {
  const person = lastIndex(PERSON, record);
  const org = lastIndex(ORGANISATION, record);
  if (person < 0 && org < 0) return undefined;
  return person > org ? 'person' : 'organisation';
}

const REASON = '含自然人的家庭住址（具体到门牌、组、室），属于个人隐私。';
const SUGGESTION = '只保留到乡镇（街道），删除村组、门牌号。';

/**
 * A natural person's home address given down to the house: personal information under 条例 article 15. Found
 * after a lead-in (家庭住址, 家住, 住址；住所, 送达地址 and "，住…" of a person), or by its own structure (…路…号…栋…
 * 单元…室, …村…组…号) in a person's record; an organisation's seat or office stays clean.
 */
export const homeAddressRule: KeywordRule = {
  kind: 'keyword',
  id: 'home-address',
  category: 'personal-info',
  severity: 'review',
  version: 2,
  keywords: [...HOME_LEADS, ...SEAT_LEADS, ...NUMBERED],

  match(ctx: RuleContext, keyword: string, start: number, end: number): Finding | undefined {
    const text = ctx.doc.text;
    if (NUMERALS.includes(keyword[0])) return byStructure(text, start + 1);
    if (text[end] === '房') return undefined; // 现住房, 家住房: housing, not an address
    // 户籍地, 居住地 are also words of policy text (按户籍地管理); as an address they label a field: 户籍地：…, 居住地为….
    if (/地$/.test(keyword) && !/^\s*(?:[:：]|为|是)/.test(text.slice(end, end + 3))) return undefined;
    const seat = SEAT_LEADS.includes(keyword);
    if (keyword === LIVES_AT && /^[房宿院建户址所进满了着过下上]/.test(text.slice(end, end + 1))) return undefined;
    const from = end + (/^\s*(?:[:：]|为|是)?\s*/.exec(text.slice(end, end + 4))?.[0].length ?? 0);
    const address = addressAt(text, from);
    if (!address) return undefined;
    if (seat) {
      if (PLACE_FIELD.test(text.slice(Math.max(0, start - 4), start + keyword.length))) return undefined;
      const owner = ownerOf(recordBefore(text, start));
      if (owner === 'organisation' || (owner === undefined && !address.private)) return undefined;
    }
    return { start: keyword === LIVES_AT ? start + 1 : start, end: address.end, reason: REASON, suggestion: SUGGESTION };
  },
};

/** No lead-in: a flat or a village house in a record that is not an organisation's. */
function byStructure(text: string, at: number): Finding | undefined {
  let from = at;
  while (from > 0 && at - from < REACH && !CLAUSE_END.test(text[from - 1]) && !/\s/.test(text[from - 1])) from--;
  // Skip to the place name: the digits of a list number or an amount before it are not the address.
  const lead = /^[^\u4e00-\u9fff]*/.exec(text.slice(from, at))![0].length;
  // Each structure word of one address reports it; the scanner merges the overlapping hits of a rule.
  const address = addressAt(text, from + lead);
  if (!address || !address.private || address.end <= at) return undefined;
  if (PLACE_FIELD.test(text.slice(Math.max(0, from - 8), at))) return undefined;
  if (ownerOf(recordBefore(text, from)) === 'organisation') return undefined;
  return { start: from + lead, end: address.end, reason: REASON, suggestion: SUGGESTION };
}
