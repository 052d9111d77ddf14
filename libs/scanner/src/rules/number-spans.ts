import type { IntList } from '../automaton/aho-corasick';
import type { Finding, NumberRule, NumberSpan, RuleContext } from './rule';

export interface NumberHit {
  rule: NumberRule;
  finding: Finding;
}

function isTokenUnit(u: number): boolean {
  return (u >= 48 && u <= 57) || (u >= 97 && u <= 122) || u === 42;
}

/**
 * Finds runs of digit groups (`138 0013 8000`, `+86-138-0013-8000`, `11010519491231002x`) and lets the number
 * rules claim spans of whole groups in priority order, so one digit belongs to at most one hit and a number is
 * never matched inside a longer run of digits.
 */
export function findNumbers(ctx: RuleContext, rules: readonly NumberRule[], out: NumberHit[], digitRuns?: IntList): void {
  const { units, length, text } = ctx.doc;
  const starts: number[] = [];
  const ends: number[] = [];
  // The first digit at or after i always starts a run of digits, so the scan can jump from run to run when the
  // normaliser has listed them (digitRuns, in order); otherwise it looks at every unit.
  const runs = digitRuns?.data;
  const nRuns = digitRuns ? digitRuns.size : 0;
  let next = 0;
  let i = 0;
  while (i < length) {
    if (runs) {
      while (next < nRuns && runs[next] < i) next++;
      if (next === nRuns) break;
      i = runs[next++];
    }
    const u = units[i];
    if (u < 48 || u > 57) {
      i++;
      continue;
    }
    let s = i;
    while (s > 0 && isTokenUnit(units[s - 1])) s--;
    let e = i;
    while (e < length && isTokenUnit(units[e])) e++;
    // Most runs (years, article numbers) are one short group: nothing to claim, no arrays to touch.
    if (e - s < 11 && !continues(units, length, e)) {
      i = e + 1;
      continue;
    }
    e = i;
    starts.length = 0;
    ends.length = 0;
    for (;;) {
      while (e < length && isTokenUnit(units[e])) e++;
      starts.push(s);
      ends.push(e);
      if (continues(units, length, e)) {
        s = e + 1;
        e = s;
        continue;
      }
      break;
    }
    claim(ctx, rules, text, starts, ends, out);
    i = e + 1;
  }
}

/** Another group follows the group ending at `e`: one space or dash, then a digit or a mask. */
function continues(units: Uint16Array, length: number, e: number): boolean {
  if (e + 1 >= length) return false;
  const sep = units[e];
  const next = units[e + 1];
  return (sep === 32 || sep === 45) && ((next >= 48 && next <= 57) || next === 42);
}

function claim(ctx: RuleContext, rules: readonly NumberRule[], text: string, starts: number[], ends: number[], out: NumberHit[]): void {
  const n = starts.length;
  if (n === 1 && ends[0] - starts[0] < 11) return; // too short for anything we report
  const groups = starts.map((s, k) => text.slice(s, ends[k]));
  const claimed = new Uint8Array(n);
  for (const rule of rules) {
    for (let a = 0; a < n; a++) {
      let value = '';
      let best: Finding | undefined;
      let bestEnd = a;
      for (let len = 1; len <= rule.maxGroups && a + len <= n; len++) {
        const b = a + len - 1;
        if (claimed[b] || groups[b].includes('*')) break;
        value += groups[b];
        if (value.length > 20) break;
        const start = starts[a];
        const span: NumberSpan = { value, start, end: ends[b], groups: len, plus: start > 0 && text[start - 1] === '+' };
        const finding = rule.match(ctx, span);
        // The longest span the rule accepts: 6222 0212 3456 7890 128 is one 19-digit card, not 16 digits and 3 more.
        if (finding) {
          best = finding;
          bestEnd = b;
        }
      }
      if (best) {
        claimed.fill(1, a, bestEnd + 1);
        out.push({ rule, finding: best });
        a = bestEnd;
      }
    }
  }
}
