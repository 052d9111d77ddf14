import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DASHBOARD_PATH } from './dashboard-session';

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head><meta charset="utf-8"><title>队列监控</title><link rel="stylesheet" href="/styles.css"></head>
<body>
<main><h1>队列监控</h1><p id="status">正在打开…</p><p><a href="/">返回审核页面</a></p></main>
<script src="/ops/ops.js"></script>
</body>
</html>
`;

// Reads the reviewer page's session (same tab, same origin), trades its token for the dashboard cookie, and goes there.
const SCRIPT = `(async () => {
  const status = document.getElementById('status');
  let token = null;
  try { token = JSON.parse(sessionStorage.getItem('clearance.session') || 'null')?.token ?? null; } catch { token = null; }
  if (!token) { status.textContent = '请先在审核页面以保密管理员身份登录，再从同一标签页打开本页。'; return; }
  const answer = await fetch('/api/v1/ops/dashboard-session', { method: 'POST', headers: { Authorization: 'Bearer ' + token } });
  if (answer.status === 204) { location.replace(${JSON.stringify(`${DASHBOARD_PATH}/`)}); return; }
  status.textContent = answer.status === 403 ? '只有保密管理员可以查看队列监控。' : '登录已过期，请回到审核页面重新登录。';
})();
`;

/** /ops: the way a browser signed in on the reviewer page reaches the queue dashboard (see README, Operations). */
@ApiExcludeController()
@Controller('ops')
export class OpsPageController {
  @Get()
  page(@Res() response: Response): void {
    response.type('html').send(PAGE);
  }

  @Get('ops.js')
  script(@Res() response: Response): void {
    response.type('text/javascript').send(SCRIPT);
  }
}
