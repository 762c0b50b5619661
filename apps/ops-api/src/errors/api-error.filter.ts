// Every failure leaves the API as `{ code, message, field? }` with the status of its code,
// including the ones raised before a route runs (body too large or not JSON, unknown route).
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from '@offramp/observability';
import { LOGGER } from '@offramp/platform';
import { ApiError, httpStatusOf } from './api-error';

/** What body-parser throws: an http-errors object with a `type`. */
interface ParserError { type?: string; status?: number; expose?: boolean; message: string }
const isParserError = (e: unknown): e is ParserError => typeof e === 'object' && e !== null && 'type' in e && typeof (e as ParserError).status === 'number';

/** A body that is not JSON is a malformed input of the route's kind. */
const malformedBody = (path: string): ApiError =>
  new ApiError(path.startsWith('/v1/signals') ? 'invalid_signal' : 'invalid_command', 'the request body is not valid JSON', 'body');

export function toApiError(exception: unknown, request: { method: string; path: string }): ApiError {
  if (exception instanceof ApiError) return exception;
  if (isParserError(exception)) {
    if (exception.type === 'entity.too.large') return new ApiError('payload_too_large', 'the request body is larger than the configured limit');
    if (exception.type === 'entity.parse.failed') return malformedBody(request.path);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404) return new ApiError('not_found', 'no such route');
    if (status === 413) return new ApiError('payload_too_large', 'the request body is larger than the configured limit');
    if (status === 401) return new ApiError('unauthorized', exception.message);
    if (status === 403) return new ApiError('forbidden', exception.message);
    // NestJS turns body-parser's SyntaxError into a 400 before any route runs.
    if (status === 400 && request.method !== 'GET') return malformedBody(request.path);
    if (status < 500) return new ApiError('invalid_query', exception.message);
  }
  return new ApiError('internal', 'internal error');
}

@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const error = toApiError(exception, http.getRequest<Request>());
    const status = httpStatusOf(error.code);
    if (status >= 500) this.logger.error({ err: exception }, 'request failed');
    const res = http.getResponse<Response>();
    if (!res.headersSent) res.status(status).json(error.body);
  }
}
