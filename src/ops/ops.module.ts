import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullBoardModule } from '@bull-board/nestjs';
import { Module } from '@nestjs/common';
import { QUEUES } from '../queue/queues';
import { DashboardAccessMiddleware } from './dashboard-access.middleware';
import { DASHBOARD_PATH } from './dashboard-session';
import { DashboardSessionController } from './dashboard-session.controller';
import { OpsPageController } from './ops-page.controller';

/** The read-only queue dashboard (bull-board) at /ops/queues, for secrecy administrators; its files are served locally. */
// @bull-board/express ships its own nested copy of @bull-board/api (9.10.1 beside 9.10.2): same classes at run time, two types to tsc.
const Server = ExpressAdapter as unknown as Parameters<typeof BullBoardModule.forRoot>[0]['adapter'];

@Module({
  imports: [
    BullBoardModule.forRoot({ route: DASHBOARD_PATH, adapter: Server, middleware: DashboardAccessMiddleware, boardOptions: { uiConfig: { boardTitle: '密审队列' } } }),
    BullBoardModule.forFeature(...Object.values(QUEUES).map((name) => ({ name, adapter: BullMQAdapter, options: { readOnlyMode: true, allowRetries: false } }))),
  ],
  controllers: [DashboardSessionController, OpsPageController],
})
export class OpsModule {}
