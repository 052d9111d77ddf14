import type { StoredNotificationKind } from './entities/notification.entity';
import { itemNoticeContent, NoticeFacts, plainOf } from './notice-text';

const facts = (kind: StoredNotificationKind, detail: Record<string, unknown> = {}): NoticeFacts => ({
  kind, detail, item: { id: 'i-1', title: '关于某事的通知', revision: 2 }, unitName: '某某县政务服务管理局', publicUrl: 'https://c.example', timeZone: 'Asia/Shanghai',
});
const words = (f: NoticeFacts) => {
  const c = itemNoticeContent(f);
  return { subject: plainOf(c.subject), text: c.lines.map(plainOf).join('\n'), link: c.link };
};

describe('item notice words', () => {
  it.each([
    ['awaiting', { level: 'leader' }, '【待复审】', '已提交复审，请分管领导审核'],
    ['returned', { level: 'filler', cause: 'revised' }, '【重新初审】', '已报送第2版修订稿'],
    ['returned', { level: 'leader', cause: 'secrecy_office', reason: '可以公开' }, '【退回复审】', '理由：可以公开'],
    ['returned', { level: 'filler', cause: 'rejected', rejectedAt: 'chief' }, '【已退回】', '在复核时被退回报送单位'],
    ['referred', { level: 'filler' }, '【报保密办】', '请保密管理员处理'],
    ['blocked', {}, '【已拦截】', '国家秘密标志'],
    ['delivery_failed', { channel: 'portal', deliveryKind: 'recall' }, '【发布失败】', '「portal」撤稿失败'],
    ['due_soon', { level: 'chief', dueAt: '2026-12-04T01:30:00Z' }, '【复核将到期】', '请单位主要领导于 2026-12-04 09:30 前完成'],
    ['overdue', { level: 'filler', dueAt: '2026-12-04T01:30:00Z' }, '【初审已超时】', '（2026-12-04 09:30）'],
    ['escalated', { level: 'filler', escalatedTo: 'leader', dueAt: '2026-12-04T01:30:00Z' }, '【初审超时督办】', '特告知分管领导，请督促信息填报员处理'],
  ] as const)('%s %j', (kind, detail, subject, phrase) => {
    const sut = words(facts(kind, detail));
    expect(sut.subject).toBe(`${subject}关于某事的通知`);
    expect(sut.text).toContain(phrase);
    expect(sut.text).toContain('《关于某事的通知》');
    expect(sut.text).toContain('单位：某某县政务服务管理局');
    expect(sut.link).toBe('https://c.example/#/items/i-1');
  });

  it('keeps the title and the reason as submitted text, apart from its own words', () => {
    const sut = itemNoticeContent(facts('referred', { level: 'leader', reason: '<b>x</b>' }));
    expect(sut.subject).toEqual([{ t: '【报保密办】' }, { u: '关于某事的通知' }]);
    expect(sut.lines.flat()).toContainEqual({ u: '<b>x</b>' });
  });
});
