import { INestApplicationContext, LoggerService } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { attachmentJsonParser } from './attachments/attachment-body-parser';
import { AppModule } from './app.module';
import { AppConfig } from './config/env.schema';
import { bodyParserErrors, emptyBodyIsNoBody } from './http/body-guards';
import { ContentTypeInterceptor } from './http/content-type.interceptor';
import { DomainExceptionFilter } from './http/domain-exception.filter';
import { createValidationPipe } from './http/validation.pipe';
import { securityHeaders } from './http/security-headers';
import { httpMetrics } from './metrics/http-metrics';
import { MetricsRegistry } from './metrics/metrics-registry';
import { mountOpenApi } from './openapi/openapi.mount';

/** Builds the HTTP application (roles all and api) with the filter, validation and body limits. */
export async function createHttpApp(config: AppConfig, logger?: LoggerService): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { logger: logger ?? false, bodyParser: false, abortOnError: false });
  // Mounted before the body parsers so their 400 and 413 answers carry the headers too.
  app.use(securityHeaders);
  app.use(httpMetrics(app.get(MetricsRegistry)));
  // The OpenAPI document and its page: plain GETs, no body to parse.
  mountOpenApi(app);
  // Room for base64 attachments only on the two routes that take them; everywhere else the 8 MB below.
  app.use(attachmentJsonParser(config.attachments));
  // 2 MB of text can take more than 2 MB of JSON once escaped; the body field itself is checked in bytes.
  app.useBodyParser('json', { limit: '8mb' });
  app.useBodyParser('urlencoded', { limit: '64kb', extended: false });
  app.use(emptyBodyIsNoBody, bodyParserErrors);
  // X-Forwarded-For is believed only from the proxies TRUST_PROXY names; by default from nobody, so a client cannot pick its address.
  app.set('trust proxy', config.trustProxy.length ? config.trustProxy : false);
  app.disable('x-powered-by');
  app.useGlobalFilters(new DomainExceptionFilter());
  app.useGlobalInterceptors(new ContentTypeInterceptor(app.get(Reflector)));
  app.useGlobalPipes(createValidationPipe());
  return app;
}

/** Listens on HOST, or on every interface when it is unset (as before HOST existed); returns where, for the log. */
export async function listen(app: NestExpressApplication, config: AppConfig): Promise<string> {
  if (config.host) await app.listen(config.port, config.host);
  else await app.listen(config.port);
  if (!config.host) return `http://localhost:${config.port} (all interfaces)`;
  return `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
}

/** The worker role alone: processors and reconciler, no HTTP server. */
export async function createWorkerContext(config: AppConfig, logger?: LoggerService): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), { logger: logger ?? false, abortOnError: false });
  return app;
}
