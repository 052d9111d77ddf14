import type { RuleSamples } from './rule';

export const travelDocumentSamples: RuleSamples = {
  positives: ['申请人：马某某，护照号码：E12345678', '护照号 EA1234567', '往来港澳通行证号码：C12345678', '护照号码为G12345678。'],
  negatives: ['出入境管理大厅办理护照、通行证等业务', '护照办理时限为7个工作日', '通行证申领须提交身份证原件', '车辆通行证编号：2025-001'],
};
