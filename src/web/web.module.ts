import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { SecurityHeadersMiddleware } from './security-headers.middleware';
import { WebController } from './web.controller';

/** Serves the reviewer page at / and puts the security headers on every response. */
@Module({ controllers: [WebController] })
export class WebModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(SecurityHeadersMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
