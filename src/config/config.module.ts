import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './env.schema';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Provides the config tree loaded once at boot; inject with @Inject(APP_CONFIG). */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}
