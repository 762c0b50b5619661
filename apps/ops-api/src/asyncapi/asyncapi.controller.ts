// GET /asyncapi.json: the AsyncAPI 3 document of the Kafka topics this deployment uses.
import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { AppConfig } from '@offramp/config';
import { asyncApiDocument } from '@offramp/contract';
import { CONFIG } from '@offramp/platform';
import { ErrorResponses } from '../openapi/decorators';

@ApiTags('documents')
@Controller()
export class AsyncApiController {
  private document?: Record<string, unknown>;

  constructor(@Inject(CONFIG) private readonly config: AppConfig) {}

  @Get('asyncapi.json')
  @ApiOperation({ operationId: 'getAsyncApiDocument', summary: 'The AsyncAPI 3 document: topics, messages, payload schemas, Kafka keys, headers and bindings', security: [] })
  @ApiResponse({ status: 200, description: 'The AsyncAPI document.', schema: { type: 'object', description: 'An AsyncAPI 3.0 document.' } })
  @ErrorResponses(400, 413)
  asyncApi(): Record<string, unknown> {
    const kafka = this.config.kafka;
    this.document ??= asyncApiDocument(kafka ? { topics: kafka.topics, partitions: kafka.partitions } : {});
    return this.document;
  }
}
