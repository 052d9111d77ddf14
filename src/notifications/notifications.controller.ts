import { Controller, Get, Query } from '@nestjs/common';
import { Auth, CurrentPrincipal } from '../auth/auth.decorators';
import type { UserPrincipal } from '../auth/principal';
import { RecentNotificationsQueryDto } from './dto/recent-query.dto';
import { NotificationSummaryService } from './notification-summary.service';

@Controller('api/v1/notifications')
@Auth('user')
export class NotificationsController {
  constructor(private readonly notices: NotificationSummaryService) {}

  /** The header's badge: what awaits me and how much of it is overdue. */
  @Get('summary')
  summary(@CurrentPrincipal() user: UserPrincipal) {
    return this.notices.summary(user);
  }

  /** The mails sent to me, newest first. */
  @Get()
  recent(@CurrentPrincipal() user: UserPrincipal, @Query() query: RecentNotificationsQueryDto) {
    return this.notices.recent(user, query.limit ?? 20);
  }
}
