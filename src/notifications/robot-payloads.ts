import { createHmac } from 'node:crypto';
import type { NotificationContent } from './entities/notification.entity';
import type { RobotKind } from './entities/unit-robot.entity';
import { escapeHtml, escapeMarkdown, escapePlain } from './notice-escape';
import { renderSegments } from './notice-text';

/** One POST to a group robot: where (with any signature in the query) and the JSON body. */
export interface RobotRequest {
  url: string;
  body: string;
}

/** WeCom refuses markdown content over 4096 bytes; DingTalk and Feishu allow 20 KB. Lines past the budget are dropped, the link kept. */
const MAX_BYTES = 3800;

function fit(lines: string[], tail: string, join: string): string {
  const kept: string[] = [];
  let size = Buffer.byteLength(tail);
  for (const line of lines) {
    size += Buffer.byteLength(line) + join.length;
    if (size > MAX_BYTES) {
      kept.push('……');
      break;
    }
    kept.push(line);
  }
  return [...kept, tail].join(join);
}

/**
 * DingTalk 自定义机器人 加签: `timestamp` (ms) and `sign` = urlEncode(base64(HmacSHA256(secret, timestamp + "\n" + secret)))
 * in the query string (open.dingtalk.com 自定义机器人安全设置; the same steps are quoted in many public write-ups).
 */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/**
 * Feishu/Lark 自定义机器人 签名校验: `timestamp` (seconds, as a string) and `sign` = base64(HmacSHA256(key =
 * timestamp + "\n" + secret, message = "")) in the JSON body (open.feishu.cn 自定义机器人使用指南, its Python sample).
 */
export function feishuSign(secret: string, timestampSeconds: number): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('', 'utf8').digest('base64');
}

/** The request for one robot kind; submitted text is escaped for that kind's format. */
export function robotRequest(kind: RobotKind, url: string, secret: string | null | undefined, content: NotificationContent, now = Date.now()): RobotRequest {
  switch (kind) {
    case 'wecom': {
      // 企业微信群机器人: POST {msgtype:"markdown", markdown:{content}} to …/cgi-bin/webhook/send?key=…; the key in the URL is the credential.
      const lines = content.lines.map((line) => renderSegments(line, escapeMarkdown));
      const markdown = fit([`**${renderSegments(content.subject, escapeMarkdown)}**`, ...lines], `[${content.linkText}](${content.link})`, '\n');
      return { url, body: JSON.stringify({ msgtype: 'markdown', markdown: { content: markdown } }) };
    }
    case 'dingtalk': {
      // 钉钉自定义机器人: POST {msgtype:"markdown", markdown:{title, text}}; title is what the notification list shows.
      const lines = content.lines.map((line) => renderSegments(line, escapeMarkdown));
      const text = fit([`#### ${renderSegments(content.subject, escapeMarkdown)}`, ...lines], `[${content.linkText}](${content.link})`, '\n\n');
      const body = JSON.stringify({ msgtype: 'markdown', markdown: { title: renderSegments(content.subject, escapePlain), text } });
      if (!secret) return { url, body };
      const signed = new URL(url);
      signed.searchParams.set('timestamp', String(now));
      signed.searchParams.set('sign', dingtalkSign(secret, now));
      return { url: signed.toString(), body };
    }
    case 'feishu': {
      // 飞书自定义机器人: POST {msg_type:"interactive", card} (plain_text elements, so nothing submitted is read as lark_md), signed in the body.
      const card = {
        config: { wide_screen_mode: true },
        header: { template: 'blue', title: { tag: 'plain_text', content: renderSegments(content.subject, escapePlain) } },
        elements: [
          ...content.lines.map((line) => ({ tag: 'div', text: { tag: 'plain_text', content: renderSegments(line, escapePlain) } })),
          { tag: 'action', actions: [{ tag: 'button', type: 'primary', text: { tag: 'plain_text', content: content.linkText }, url: content.link }] },
        ],
      };
      const seconds = Math.floor(now / 1000);
      const signature = secret ? { timestamp: String(seconds), sign: feishuSign(secret, seconds) } : {};
      return { url, body: JSON.stringify({ ...signature, msg_type: 'interactive', card }) };
    }
    default: {
      const unknown: never = kind;
      throw new Error(`no robot format for ${String(unknown)}`);
    }
  }
}

/** A mail: subject (one line), plain text and HTML, the same words. */
export interface MailBody {
  subject: string;
  text: string;
  html: string;
}

export function mailBody(content: NotificationContent): MailBody {
  const plain = (line: NotificationContent['lines'][number]) => renderSegments(line, (u) => u.replace(/[\r\n]+/g, ' '));
  const subject = escapePlainSubject(renderSegments(content.subject, (u) => u));
  const text = [...content.lines.map(plain), '', `${content.linkText}：${content.link}`, '', '—— 密审（Clearance）自动发送，请勿回复'].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<p><strong>${escapeHtml(subject)}</strong></p>`,
    ...content.lines.map((line) => `<p>${escapeHtml(renderSegments(line, (u) => u))}</p>`),
    `<p><a href="${escapeHtml(content.link)}">${escapeHtml(content.linkText)}</a></p>`,
    '<p style="color:#888">—— 密审（Clearance）自动发送，请勿回复</p>',
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

/** A header must stay one line (nodemailer encodes the rest). */
function escapePlainSubject(subject: string): string {
  return subject.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').trim();
}
