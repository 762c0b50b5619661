// Every failure leaves the API as `{ code, message, field? }` with the status of its code,
// including the ones raised before a route runs (body too large, not JSON, compressed or in
// another charset, unknown route). A client's mistake is a 4xx; the database away beyond its retry
// budget is 503 `unavailable`; only a bug is a 500, logged with the request id it answers with.
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Inject } from '@nestjs/common';
import type { Request, Response } from 'express';
import { failureKind } from '@offramp/messaging';
import type { Logger } from '@offramp/observability';
import { LOGGER, requestIdOf, requestLogFields } from '@offramp/platform';
import { ApiError, httpStatusOf } from './api-error';

/** What body-parser throws: an http-errors object with a `type`. */
interface ParserError { type?: string; status?: number; expose?: boolean; message: string }
const isParserError = (e: unknown): e is ParserError => typeof e === 'object' && e !== null && 'type' in e && typeof (e as ParserError).status === 'number';

/** The refusal code of a route's input: malformed input of the route's kind. */
const inputCodeOf = (request: { method: string; path: string }) =>
  (request.method === 'GET' || request.method === 'HEAD' ? 'invalid_query' : request.path.startsWith('/v1/signals') ? 'invalid_signal' : 'invalid_command');

/** A body that is not JSON is a malformed input of the route's kind. */
const malformedBody = (request: { method: string; path: string }): ApiError =>
  new ApiError(inputCodeOf(request), 'the request body is not valid JSON', 'body');

const SQLSTATE = /^[0-9A-Z]{5}$/;
const sqlStateOf = (e: unknown): string | undefined => {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  return typeof code === 'string' && SQLSTATE.test(code) ? code : undefined;
};
/** zlib's errors when a body is not what its Content-Encoding says (`Z_DATA_ERROR`, Brotli's `ERR__ERROR_FORMAT_...`). */
const isDecodingError = (e: unknown): boolean => {
  const { code, errno } = (typeof e === 'object' && e !== null ? e : {}) as { code?: unknown; errno?: unknown };
  return typeof code === 'string' && typeof errno === 'number' && (code.startsWith('Z_') || code.startsWith('ERR__ERROR_'));
};

export function toApiError(exception: unknown, request: { method: string; path: string }): ApiError {
  if (exception instanceof ApiError) return exception;
  if (isParserError(exception)) {
    if (exception.type === 'entity.too.large' || exception.status === 413) return new ApiError('payload_too_large', 'the request body is larger than the configured limit');
    if (exception.type === 'encoding.unsupported') return new ApiError('unsupported_media_type', `${exception.message}: send the body uncompressed, or gzip or deflate`, 'content-encoding');
    if (exception.type === 'charset.unsupported') return new ApiError('unsupported_media_type', `${exception.message}: send UTF-8`, 'content-type');
    if (exception.status === 415) return new ApiError('unsupported_media_type', exception.message, 'content-type');
    if (exception.type === 'entity.parse.failed' || (exception.status ?? 500) < 500) return malformedBody(request);
  }
  if (isDecodingError(exception)) return new ApiError('unsupported_media_type', 'the body is not encoded as its Content-Encoding says', 'content-encoding');
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404) return new ApiError('not_found', 'no such route');
    if (status === 413) return new ApiError('payload_too_large', 'the request body is larger than the configured limit');
    if (status === 415) return new ApiError('unsupported_media_type', exception.message);
    if (status === 401) return new ApiError('unauthorized', exception.message);
    if (status === 403) return new ApiError('forbidden', exception.message);
    // NestJS turns body-parser's SyntaxError into a 400 before any route runs.
    if (status === 400 && request.method !== 'GET') return malformedBody(request);
    if (status < 500) return new ApiError('invalid_query', exception.message);
  }
  // Whatever the database says about the input or about itself, classified as the worker does.
  if (sqlStateOf(exception) !== undefined || failureKind(exception) === 'transient') {
    if (failureKind(exception) === 'transient') return new ApiError('unavailable', 'the database is not reachable; try again shortly');
    return new ApiError(inputCodeOf(request), 'the request holds a value the database cannot store');
  }
  return new ApiError('internal', 'internal error');
}

@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const error = toApiError(exception, request);
    const status = httpStatusOf(error.code);
    const requestId = requestIdOf(request);
    if (status === 500) this.logger.error({ err: exception, ...requestLogFields(request), method: request.method, url: request.originalUrl?.slice(0, 500) }, 'request failed: a bug');
    else if (status >= 500) this.logger.warn({ err: exception, ...requestLogFields(request) }, `request answered ${status} ${error.code}`);
    const res = http.getResponse<Response>();
    if (res.headersSent) return;
    if (error.code === 'unavailable') res.setHeader('Retry-After', '5');
    res.status(status).json(status >= 500 && requestId ? { ...error.body, requestId } : error.body);
  }
}
