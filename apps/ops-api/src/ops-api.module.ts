// The ops API: HTTP → CommandBus / QueryBus. Expects the platform's ports (CONFIG, LOGGER,
// METRICS, DATABASE, EVENT_STORE, CLOCK, ENGINE, POLICIES) from a global module.
import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AsyncApiController } from './asyncapi/asyncapi.controller';
import { BearerAuthGuard } from './auth/bearer-auth.guard';
import { AuditController } from './http/audit.controller';
import { SubmitInputsHandler } from './commands/submit-input';
import { ApiErrorFilter } from './errors/api-error.filter';
import { InputsController } from './http/inputs.controller';
import { RelationshipAccess } from './http/relationship-access';
import { RequestHygieneMiddleware } from './http/request-hygiene.middleware';
import { RelationshipsController } from './http/relationships.controller';
import { ReportsController } from './http/reports.controller';
import { WebhooksController } from './http/webhooks.controller';
import { ApiMetrics } from './metrics/api-metrics';
import { PolicyController } from './policy/policy.controller';
import { WhatIfJobs } from './policy/what-if-jobs';
import { OpenApiDocs } from './openapi/openapi-docs';
import { ReadModelQueryHandler } from './queries/read-model.query';

@Module({
  imports: [CqrsModule],
  controllers: [AuditController, InputsController, RelationshipsController, ReportsController, WebhooksController, PolicyController, AsyncApiController],
  providers: [
    BearerAuthGuard, RelationshipAccess, ApiMetrics, OpenApiDocs, SubmitInputsHandler, ReadModelQueryHandler, WhatIfJobs,
    { provide: APP_FILTER, useClass: ApiErrorFilter },
  ],
})
export class OpsApiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestHygieneMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
