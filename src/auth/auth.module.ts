import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { SettingsService } from '../database/settings.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { LoginThrottleService } from './login-throttle.service';

@Global()
@Module({
  imports: [JwtModule.register({})],
  controllers: [AuthController],
  providers: [AuthService, AuthGuard, LoginThrottleService, SettingsService],
  exports: [AuthService, AuthGuard, SettingsService],
})
export class AuthModule {}
