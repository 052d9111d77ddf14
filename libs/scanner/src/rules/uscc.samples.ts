import type { RuleSamples } from './rule';

export const usccSamples: RuleSamples = {
  positives: ['统一社会信用代码：91350100M000100Y43', '91110000100006813W', '代码 11100000000013127D 的机关'],
  negatives: ['91350100M000100Y44', '9135010OM000100Y43', '91350100M000100Y43A'],
};
