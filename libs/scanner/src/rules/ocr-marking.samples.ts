import type { RuleSamples } from './rule';

/** Scanned as text recognised from an image (part `ocr`); in any other text the rule never fires. */
export const ocrMarkingSamples: RuleSamples = {
  part: 'ocr',
  positives: [
    '机密妇10年',
    '秘密大6个月',
    '机 密 妇 1 0 年',
    '绝密女长期',
    '秘密x启用前',
    '机密10年',
    '关于某事项的报告\n【秘密 6个月】',
    '秘 密 青 食 5 年',
    '机蜜★10年',
    '杌密*5年',
    '秘密大2030年12月31日',
    '关于某项工作的报告\n绝 密 天 长 期\n各单位：',
    '秘宓太 6 个 月',
  ],
  negatives: [
    '机密性',
    '密级分为绝密、机密、秘密三级',
    '加强机密性保护10年来未发生泄密',
    '保守国家秘密，10年来未发生泄密事件',
    '本单位秘密级文件3年内全部清理',
    '商业秘密大10年',
    '工作秘密大1年',
    '机密文件12份',
    '秘密2024年工作总结',
    '秘密投票',
    '甜蜜10年',
    '做好保密工作，保守国家秘密10年未发生泄密',
    '其中机密5年的文件已解密',
  ],
};
