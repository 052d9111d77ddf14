import { createHmac } from 'node:crypto';
import type { NotificationContent } from './entities/notification.entity';
import { escapeMarkdown } from './notice-escape';
import { dingtalkSign, feishuSign, mailBody, robotRequest } from './robot-payloads';

const content: NotificationContent = {
  subject: [{ t: '【待复审】' }, { u: '标题 <font color="warning">x</font> [a](http://e)' }],
  lines: [[{ t: '《' }, { u: '# 标题\n> 引用 @all' }, { t: '》已提交复审。' }]],
  link: 'https://c.example/#/items/1',
  linkText: '打开审核页面',
};

describe('robot payloads', () => {
  it('signs DingTalk as documented: base64(HmacSHA256(secret, timestamp\\n secret)) in the query', () => {
    const sut = robotRequest('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=t', 'SECx', content, 1700000000000);
    const url = new URL(sut.url);
    expect(url.searchParams.get('access_token')).toBe('t');
    expect(url.searchParams.get('timestamp')).toBe('1700000000000');
    expect(url.searchParams.get('sign')).toBe(createHmac('sha256', 'SECx').update('1700000000000\nSECx').digest('base64'));
    expect(dingtalkSign('SECx', 1700000000000)).toBe(url.searchParams.get('sign'));
    expect(JSON.parse(sut.body).msgtype).toBe('markdown');
  });

  it('signs Feishu in the body with the key timestamp\\n secret over an empty message', () => {
    const sut = JSON.parse(robotRequest('feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/h', 's', content, 1700000000999).body);
    expect(sut.timestamp).toBe('1700000000');
    expect(sut.sign).toBe(createHmac('sha256', '1700000000\ns').update('').digest('base64'));
    expect(sut.sign).toBe(feishuSign('s', 1700000000));
    expect(sut.msg_type).toBe('interactive');
  });

  it('sends unsigned robots without a signature', () => {
    expect(robotRequest('dingtalk', 'https://d.example/robot/send?access_token=t', null, content).url).toBe('https://d.example/robot/send?access_token=t');
    expect(JSON.parse(robotRequest('feishu', 'https://f.example/hook', null, content).body).sign).toBeUndefined();
  });

  it('keeps submitted text from becoming markdown, markup or a mention', () => {
    const sut = JSON.parse(robotRequest('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', null, content).body).markdown.content as string;
    expect(sut).not.toContain('<font');
    expect(sut).not.toContain('[a](http://e)');
    expect(sut).not.toMatch(/\n#/);
    expect(sut).not.toMatch(/\n>/);
    expect(sut).not.toContain('@all');
    expect(sut).toContain('[打开审核页面](https://c.example/#/items/1)');
    expect(escapeMarkdown('a*b_c')).toBe('a\\*b\\_c');
  });

  it('keeps WeCom markdown under its 4096-byte limit', () => {
    const long: NotificationContent = { ...content, lines: Array.from({ length: 400 }, () => [{ t: '很长的一行文字，重复很多次。' }]) };
    const sut = JSON.parse(robotRequest('wecom', 'https://q.example/send?key=k', null, long).body).markdown.content as string;
    expect(Buffer.byteLength(sut)).toBeLessThanOrEqual(4096);
    expect(sut.endsWith('[打开审核页面](https://c.example/#/items/1)')).toBe(true);
  });

  it('escapes a mail’s HTML and keeps its subject on one line', () => {
    const sut = mailBody({ ...content, subject: [{ t: '【待复审】' }, { u: '标题\r\nBcc: x@example.com' }] });
    expect(sut.subject).not.toMatch(/[\r\n]/);
    const html = mailBody(content).html;
    expect(html).not.toContain('<font');
    expect(html).toContain('&lt;font color=&quot;warning&quot;&gt;');
    expect(sut.text).toContain('打开审核页面：https://c.example/#/items/1');
  });
});
