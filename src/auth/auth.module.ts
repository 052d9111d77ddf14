import { MikroORM } from '@mikro-orm/core';
import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/env.schema';
import { SettingsService } from '../database/settings.service';
import { OutboundPolicy } from '../publishing/outbound/outbound-policy';
import { AccountService } from './account.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottleService } from './login-throttle.service';
import { KeyRing } from './secrets/key-ring';
import { keyRingOf } from './secrets/sealed-types';

@Global()
@Module({
  imports: [JwtModule.register({})],
  controllers: [AuthController],
  providers: [
    AuthService, AuthGuard, AccountService, LoginThrottleService, SettingsService,
    // The ORM's own ring, so what the columns seal and what the services seal use the same keys.
    { provide: KeyRing, useFactory: (orm: MikroORM) => keyRingOf(orm.config), inject: [MikroORM] },
    { provide: OutboundPolicy, useFactory: (config: AppConfig) => new OutboundPolicy(config.outbound.allow), inject: [APP_CONFIG] },
  ],
  exports: [AuthService, AuthGuard, SettingsService, KeyRing, OutboundPolicy],
})
export class AuthModule {}
