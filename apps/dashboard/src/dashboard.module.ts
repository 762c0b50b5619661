// The team dashboard: the built page at `/` (and its deep links) and the live change stream.
// Everything else the page shows comes from the ops API.
import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { BearerAuthGuard } from '../../ops-api/src/auth/bearer-auth.guard';
import { LiveController } from './live/live.controller';
import { PageMiddleware } from './static/page.middleware';

@Module({ controllers: [LiveController], providers: [BearerAuthGuard] })
export class DashboardModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(PageMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.GET });
  }
}
