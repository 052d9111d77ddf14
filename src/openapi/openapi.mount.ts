import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { buildOpenApiDocument, OpenApiDocument } from './openapi-document';

export const OPENAPI_PATH = '/api/v1/openapi.json';
export const DOCS_PATH = '/api/v1/docs';
/** The files of swagger-ui-dist the page loads; served from the package installed with @nestjs/swagger, nothing from outside. */
const ASSETS: Record<string, string> = { 'swagger-ui.css': 'text/css', 'swagger-ui-bundle.js': 'text/javascript' };

// No inline script: the site's CSP (script-src 'self') applies to this page unchanged.
const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>Clearance（密审）接口文档</title>
<link rel="stylesheet" href="${DOCS_PATH}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${DOCS_PATH}/swagger-ui-bundle.js"></script>
<script src="${DOCS_PATH}/docs-init.js"></script>
</body>
</html>
`;
// validatorUrl: null, or Swagger UI would ask validator.swagger.io about the document.
const INIT = `window.ui = SwaggerUIBundle({ url: ${JSON.stringify(OPENAPI_PATH)}, dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null, presets: [SwaggerUIBundle.presets.apis], layout: 'BaseLayout' });\n`;

function swaggerUiDir(): string {
  const swagger = require.resolve('@nestjs/swagger');
  return dirname(require.resolve('swagger-ui-dist/package.json', { paths: [swagger] }));
}

function packageVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return String((JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? '0.0.0');
  }
  return '0.0.0';
}

/**
 * GET /api/v1/openapi.json and the documentation page at /api/v1/docs. The document is built on the first request,
 * once every module's routes exist, so routes added by any module appear without a change here.
 */
export function mountOpenApi(app: NestExpressApplication): void {
  let document: OpenApiDocument | undefined;
  const http = app.getHttpAdapter().getInstance() as import('express').Express;
  const dir = swaggerUiDir();
  http.get(OPENAPI_PATH, (_request: Request, response: Response) => {
    document ??= buildOpenApiDocument(app, packageVersion());
    response.type('application/json').send(JSON.stringify(document));
  });
  http.get(DOCS_PATH, (_request: Request, response: Response) => {
    response.type('html').send(PAGE);
  });
  http.get(`${DOCS_PATH}/docs-init.js`, (_request: Request, response: Response) => {
    response.type('text/javascript').send(INIT);
  });
  for (const [file, type] of Object.entries(ASSETS)) {
    http.get(`${DOCS_PATH}/${file}`, (_request: Request, response: Response) => {
      response.type(type).sendFile(join(dir, file));
    });
  }
}
