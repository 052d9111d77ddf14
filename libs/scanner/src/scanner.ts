import type { Part } from '@clearance/documents';
import { extractHtmlText } from '@clearance/documents/html/html-text';
import { performance } from 'node:perf_hooks';
import { IntList, MatchSink } from './automaton/aho-corasick';
import { compileLexicon, mergeEntries, type CompiledLexicon } from './compiled-lexicon';
import { extractText, type ExtractedText } from './extract/extracted-text';
import { contextOf } from './hit-context';
import { defaultLexicon, globalAllowList } from './lexicon/lexicon-parser';
import { lexiconVersion } from './lexicon/lexicon-version';
import { joinedWindow } from './normalize/joined-window';
import { matchStart, normalizeAndMatch, sourceEnd, sourceStart, type NormalizedText, type UnitScratch } from './normalize/normalizer';
import { KEYWORD_RULES, NUMBER_RULES, rulesVersionOf } from './rules/all-rules';
import { RULE_SAMPLES } from './rules/all-rules.samples';
import { findNumbers, type NumberHit } from './rules/number-spans';
import type { RuleContext } from './rules/rule';
import { SCAN_PIECES_VERSION, scanAttachment, scanHtmlSegments } from './scan-pieces';
import { topKeywords } from './segment/keywords';
import { standsAsWord } from './segment/word-boundary';
import type { MatchText, TextMatch } from './text-match';
import type { AttachmentScan, Category, Field, Format, Hit, LexiconEntry, ScanInput, ScanResult, Severity } from './types';
import { verdictOf } from './verdict';

export interface ScannerOptions {
  /** Extra lexicons, e.g. from loadLexiconFile(). */
  lexicons?: LexiconEntry[][];
  /** Include the shipped default lexicon (default true). */
  includeDefault?: boolean;
  /** Number of summary keywords (default 8; 0 skips jieba's keyword extraction). */
  keywords?: number;
}

/** A candidate before it becomes a Hit: offsets into the normalised text. */
interface Candidate {
  ruleId: string;
  category: Category;
  severity: Severity;
  start: number;
  end: number;
  reason: string;
  suggestion?: string;
  /** Entry index for lexicon hits: its own allow phrases apply. */
  entry?: number;
}

const CACHE_SIZE = 4;
/** Attachment text that feeds the summary keywords (jieba reads ~1 MB/s). */
const KEYWORD_ATTACHMENT_CHARS = 100_000;
const compiledCache = new Map<string, CompiledLexicon>();
let warmedUp = false;

const CATEGORY_NAME: Record<Category, string> = {
  'classified-marking': '国家秘密标志',
  'internal-marking': '内部事务标志',
  'personal-info': '个人信息',
  'process-info': '过程性信息',
  'sensitive-term': '涉密敏感词',
  'not-examined': '未能审查的内容',
  'hidden-content': '隐藏内容',
};
const SEVERITY_ACTION: Record<Severity, string> = { block: '不得公开', review: '需人工审核', info: '仅作提示' };

function compiledFor(entries: LexiconEntry[], allow: readonly string[], rulesVersion: string): CompiledLexicon {
  const version = lexiconVersion(entries);
  const key = `${version}/${rulesVersion}`;
  let compiled = compiledCache.get(key);
  if (compiled) {
    compiledCache.delete(key);
  } else {
    compiled = compileLexicon(entries, KEYWORD_RULES, allow, version);
    if (compiledCache.size >= CACHE_SIZE) compiledCache.delete(compiledCache.keys().next().value as string);
  }
  compiledCache.set(key, compiled);
  return compiled;
}

export class Scanner {
  private readonly sink = new MatchSink();
  private readonly digitRuns = new IntList();
  /** The normalised-unit buffer, reused from scan to scan (a 5 M-char text would otherwise allocate 10 MB each time). */
  private readonly scratch: UnitScratch = { units: new Uint16Array(0) };
  /** A field scan is running: a nested scan (from a rule, say) must not share the buffers. */
  private busy = false;
  private readonly matcher: MatchText = (text, part) => this.matchText(text, part);

  private constructor(
    private readonly compiled: CompiledLexicon,
    readonly rulesVersion: string,
    private readonly keywordCount: number,
  ) {}

  get lexiconVersion(): string {
    return this.compiled.version;
  }

  /** Cheap when a scanner with the same lexicon was created before: the compiled automaton is cached. */
  static create(opts: ScannerOptions = {}): Scanner {
    const lists = [...(opts.includeDefault === false ? [] : [defaultLexicon()]), ...(opts.lexicons ?? [])];
    const allow = globalAllowList();
    const rulesVersion = rulesVersionOf([...KEYWORD_RULES, ...NUMBER_RULES], `${allow.join('\n')}\n${SCAN_PIECES_VERSION}`);
    const scanner = new Scanner(compiledFor(mergeEntries(lists), allow, rulesVersion), rulesVersion, opts.keywords ?? 8);
    if (!warmedUp) {
      // Once per process: candidates() and the rules run whole before a big text makes the optimiser compile them
      // mid-loop; compiled without feedback for the code after the loop, they would deoptimise there on every scan.
      warmedUp = true;
      scanner.matchText(Object.values(RULE_SAMPLES).flatMap((s) => s.positives).join('\n'));
    }
    return scanner;
  }

  scan(input: ScanInput): ScanResult {
    const t0 = performance.now();
    const format: Format = input.format ?? 'text';
    const body = input.body ?? '';
    const hits: Hit[] = [];
    if (input.title) hits.push(...this.fieldHits('title', input.title, extractText(input.title, 'text'), false));
    let plainBody: string;
    if (format === 'html') {
      const html = extractHtmlText(body);
      hits.push(...this.fieldHits('body', body, html.visible, true));
      hits.push(...scanHtmlSegments(body, html.segments, this.matcher));
      plainBody = html.visible.text;
    } else {
      const extracted = extractText(body, format);
      hits.push(...this.fieldHits('body', body, extracted, false));
      plainBody = extracted.text;
    }
    const attachments: AttachmentScan[] = [];
    (input.attachments ?? []).forEach((a, k) => {
      const { scan, hits: found } = scanAttachment(k, a.filename, a.document, this.matcher);
      attachments.push(scan);
      hits.push(...found);
    });
    const keywords = this.keywordCount > 0 ? topKeywords(keywordText(input.title, plainBody, attachments), this.keywordCount) : [];
    return {
      verdict: verdictOf(hits),
      hits,
      keywords,
      lexiconVersion: this.compiled.version,
      rulesVersion: this.rulesVersion,
      durationMs: Math.round((performance.now() - t0) * 1000) / 1000,
      attachments,
    };
  }

  /** Hits of a title or body, mapped through its extraction back to the original. */
  private fieldHits(field: Field, original: string, extracted: ExtractedText, html: boolean): Hit[] {
    return this.matchText(extracted.text).map((m): Hit => {
      const start = extracted.toSource(m.start);
      const end = extracted.toSourceEnd(m.end);
      const hit: Hit = {
        ruleId: m.ruleId,
        category: m.category,
        severity: m.severity,
        field,
        start,
        end,
        text: original.slice(start, end),
        normalized: m.normalized,
        context: contextOf(extracted.text, m.start, m.end),
        reason: m.reason,
      };
      if (html) {
        hit.plainStart = m.start;
        hit.plainEnd = m.end;
      }
      if (m.suggestion) hit.suggestion = m.suggestion;
      return hit;
    });
  }

  /** Rules and lexicon over one text; offsets into that text. */
  private matchText(text: string, part?: Part): TextMatch[] {
    if (this.busy) return this.fresh().matchText(text, part);
    this.busy = true;
    try {
      return this.matchTextOnce(text, part);
    } finally {
      this.busy = false;
    }
  }

  /** A scanner on the same compiled lexicon with buffers of its own. */
  private fresh(): Scanner {
    return new Scanner(this.compiled, this.rulesVersion, this.keywordCount);
  }

  private matchTextOnce(text: string, part: Part | undefined): TextMatch[] {
    // Normalise (noting the digit runs), run the automaton over the result; the rules then look only where it points.
    this.sink.clear();
    const doc = normalizeAndMatch(text, this.compiled.automaton, this.sink, this.digitRuns, this.scratch);
    return this.candidates(doc, this.sink, this.digitRuns, part).map((c): TextMatch => {
      const m: TextMatch = {
        ruleId: c.ruleId,
        category: c.category,
        severity: c.severity,
        start: sourceStart(doc, c.start),
        end: sourceEnd(doc, c.end),
        normalized: doc.text.slice(c.start, c.end),
        reason: c.reason,
      };
      if (c.suggestion) m.suggestion = c.suggestion;
      return m;
    });
  }

  private candidates(doc: NormalizedText, sink: MatchSink, digitRuns: IntList, part: Part | undefined): Candidate[] {
    const { roles, lengths, entries } = this.compiled;
    const ctx: RuleContext = {
      doc,
      part,
      sourceBetweenHas: (from, to, chars) => chars.test(doc.source.slice(sourceEnd(doc, from), sourceStart(doc, to))),
    };
    const found: Candidate[] = [];
    const globalAllows: number[] = [];
    const entryAllows = new Map<number, number[]>();
    const data = sink.data;
    for (let k = 0; k < sink.size; k += 2) {
      const pattern = data[k];
      const end = data[k + 1];
      const start = matchStart(doc, end, lengths[pattern]);
      const r = roles[pattern];
      if (r.globalAllow) globalAllows.push(start, end);
      for (const e of r.allowFor) {
        let list = entryAllows.get(e);
        if (!list) entryAllows.set(e, (list = []));
        list.push(start, end);
      }
      if (r.rules.length > 0) {
        const joined = doc.joins.length === 0 ? undefined : joinedWindow(ctx, start, end);
        for (const rule of r.rules) {
          if (!joined) {
            const f = rule.match(ctx, doc.text.slice(start, end), start, end);
            if (f) found.push({ ruleId: rule.id, category: rule.category, severity: rule.severity, ...f });
            continue;
          }
          const f = rule.match(joined.ctx, joined.ctx.doc.text.slice(joined.start, joined.end), joined.start, joined.end);
          if (f) {
            found.push({ ruleId: rule.id, category: rule.category, severity: rule.severity, ...f, start: joined.docStart(f.start), end: joined.docEnd(f.end) });
          }
        }
      }
      for (const e of r.entries) {
        const entry = entries[e];
        found.push({
          ruleId: `lexicon:${entry.term}`,
          category: entry.category,
          severity: entry.severity,
          start,
          end,
          reason: `命中词库词条“${entry.term}”（${CATEGORY_NAME[entry.category]}），${SEVERITY_ACTION[entry.severity]}。`,
          entry: e,
        });
      }
    }
    const numbers: NumberHit[] = [];
    findNumbers(ctx, NUMBER_RULES, numbers, digitRuns);
    for (const { rule, finding } of numbers) {
      found.push({ ruleId: rule.id, category: rule.category, severity: rule.severity, ...finding });
    }
    const maxAllow = this.compiled.maxAllowLength;
    const kept = found.filter((c) => {
      if (covered(globalAllows, c.start, c.end, maxAllow)) return false;
      if (c.entry !== undefined) {
        const own = entryAllows.get(c.entry);
        if (own && covered(own, c.start, c.end, maxAllow)) return false;
        // Word-mode terms only where they stand as a word (机密 not in 机密性); substring terms wherever they occur.
        if (entries[c.entry].match === 'word' && !standsAsWord(doc.text, c.start, c.end)) return false;
      }
      return true;
    });
    return dedupe(kept);
  }
}

/** Title, body and the start of the attachments' text (a body-less submission still gets its keywords). */
function keywordText(title: string | undefined, body: string, attachments: readonly AttachmentScan[]): string {
  const texts = [title ?? '', body];
  let room = KEYWORD_ATTACHMENT_CHARS;
  for (const part of attachments.flatMap((a) => a.parts)) {
    if (room <= 0) break;
    texts.push(part.text.slice(0, room));
    room -= part.text.length;
  }
  return texts.join('\n');
}

/** `intervals` holds (start, end) pairs in order of their end, none longer than `maxLength`: does one contain [start, end)? */
function covered(intervals: readonly number[], start: number, end: number, maxLength: number): boolean {
  // Only intervals ending in [end, start + maxLength] can contain the hit: find the last such one.
  let lo = 0;
  let hi = intervals.length / 2;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (intervals[mid * 2 + 1] <= start + maxLength) lo = mid + 1;
    else hi = mid;
  }
  for (let k = (lo - 1) * 2; k >= 0 && intervals[k + 1] >= end; k -= 2) {
    if (intervals[k] <= start) return true;
  }
  return false;
}

const RANK: Record<Severity, number> = { info: 0, review: 1, block: 2 };

/**
 * Same rule overlapping itself (密级：机密★1年 seen from 密级 and from 机密): keep the longest. A lexicon term inside
 * another term's hit (未公布的统计数据 in 尚未公布的统计数据) is the same finding: only a stricter one is kept.
 */
function dedupe(cands: Candidate[]): Candidate[] {
  cands.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Candidate[] = [];
  const lastByRule = new Map<string, Candidate>();
  // Kept term hits that may still enclose a later one (sorted by start, so enclosing means ending at or after it).
  let open: Candidate[] = [];
  for (const c of cands) {
    if (c.entry !== undefined) {
      open = open.filter((t) => t.end > c.start);
      if (open.some((t) => c.end <= t.end && RANK[c.severity] <= RANK[t.severity])) continue;
      open.push(c);
    }
    const prev = lastByRule.get(c.ruleId);
    if (prev && c.start < prev.end) {
      if (c.end > prev.end) prev.end = c.end;
      continue;
    }
    lastByRule.set(c.ruleId, c);
    out.push(c);
  }
  return out;
}
