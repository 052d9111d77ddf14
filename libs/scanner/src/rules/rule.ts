import type { Part } from '@clearance/documents';
import type { NormalizedText } from '../normalize/normalizer';
import type { Category, Severity } from '../types';

/** What a rule found, in offsets into the normalised text. */
export interface Finding {
  start: number;
  end: number;
  reason: string;
  suggestion?: string;
}

export interface RuleContext {
  readonly doc: NormalizedText;
  /**
   * The kind of place the text comes from (innermost for an embedded file): `ocr` for text recognised in an
   * image, an HTML place for a hidden part of a page; absent for a title or a body.
   */
  readonly part?: Part;
  /** True when the original text between normalised offsets `from` and `to` contains one of `chars`. */
  sourceBetweenHas(from: number, to: number, chars: RegExp): boolean;
}

interface RuleBase {
  readonly id: string;
  readonly category: Category;
  readonly severity: Severity;
  /** Bump when the rule's behaviour changes: it feeds the rules version reported with every scan. */
  readonly version: number;
}

/** Runs where one of its keywords (normalised) occurs; the keywords join the lexicon's automaton. */
export interface KeywordRule extends RuleBase {
  readonly kind: 'keyword';
  readonly keywords: readonly string[];
  match(ctx: RuleContext, keyword: string, start: number, end: number): Finding | undefined;
}

/** A run of digit groups such as `138 0013 8000` (separators: one space or dash). */
export interface NumberSpan {
  /** The groups' characters without separators, lower case. */
  readonly value: string;
  readonly start: number;
  readonly end: number;
  readonly groups: number;
  /** `+` right before the first group. */
  readonly plus: boolean;
}

/** Runs on spans of digit groups; lower priority numbers claim overlapping groups first. */
export interface NumberRule extends RuleBase {
  readonly kind: 'number';
  readonly priority: number;
  readonly maxGroups: number;
  match(ctx: RuleContext, span: NumberSpan): Finding | undefined;
}

export type Rule = KeywordRule | NumberRule;

export interface RuleSamples {
  /** The samples are scanned as text of this kind of place (default: a body). */
  part?: Part;
  /** Each must produce a hit of the rule. */
  positives: readonly string[];
  /** None may produce a hit of the rule. */
  negatives: readonly string[];
}
