import type { RuleSamples } from './rule';

export const processInfoSamples: RuleSamples = {
  positives: [
    '《某某市城市管理办法（征求意见稿）》',
    '附件：实施方案（讨论稿）',
    '条例（送审稿）',
    '内部讨论稿',
    '会议纪要（内部）',
    '会议纪要(内部)',
    '征 求 意 见 稿',
  ],
  negatives: [
    '关于公开征求《某某市城市管理办法（征求意见稿）》意见的公告',
    '广泛征求意见后形成正式文件',
    '稿件审核',
    '会议纪要',
    '讨论通过',
  ],
};
