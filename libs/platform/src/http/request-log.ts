// Every HTTP request gets an id (the caller's `X-Request-Id` when it is a sane one, else a new
// UUID), answered in `X-Request-Id`, and one JSON access-log line when it ends: method, route,
// status, duration, request id. `offramp_http_requests_total` and `offramp_http_request_seconds`
// count them by route and status. Registered before the body parser, so requests refused while
// their body is read are logged and carry an id too. A W3C `traceparent` (and `tracestate`) on the
// request is read once here: the inputs it carries keep it on their events, and the request's log
// lines carry its trace id.
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { Counter, Histogram, type Registry } from 'prom-client';
import { traceContextOf, traceLogFields, type TraceContext } from '@offramp/messaging';
import type { Logger } from '@offramp/observability';

const REQUEST_ID = Symbol('requestId');
const TRACE = Symbol('trace');
const SANE_ID = /^[\w.:-]{1,100}$/;
/** Routes polled by orchestrators and Prometheus: logged at debug, not info. */
const QUIET = new Set(['/health', '/ready', '/metrics']);

type WithId = Request & { [REQUEST_ID]?: string; [TRACE]?: TraceContext };

/** The id of a request (set by `requestLog`), or undefined outside it. */
export const requestIdOf = (request: Request): string | undefined => (request as WithId)[REQUEST_ID];

/** The W3C trace context the request came with (read by `requestLog`), when it had a valid one. */
export const requestTraceOf = (request: Request): TraceContext | undefined => (request as WithId)[TRACE];

/** The fields every log line about a request carries: its id and, when it came with one, its trace. */
export const requestLogFields = (request: Request): Record<string, string> => {
  const requestId = requestIdOf(request);
  return { ...(requestId ? { requestId } : {}), ...traceLogFields(requestTraceOf(request)) };
};

/** The route a request matched (`/v1/relationships/:id`), or `unmatched`: never the raw path, which may hold anything. */
const routeOf = (request: Request): string => {
  const path = (request.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${request.baseUrl ?? ''}${path}` : 'unmatched';
};

function metric<M>(registry: Registry, name: string, create: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create();
}

export function requestLog(logger: Logger, registry?: Registry) {
  const registers = registry ? [registry] : [];
  const requests = registry && metric(registry, 'offramp_http_requests_total', () =>
    new Counter({ name: 'offramp_http_requests_total', help: 'HTTP requests answered, by method, route and status', labelNames: ['method', 'route', 'status'], registers }));
  const seconds = registry && metric(registry, 'offramp_http_request_seconds', () =>
    new Histogram({ name: 'offramp_http_request_seconds', help: 'Time to answer an HTTP request, by route', labelNames: ['route'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers }));
  const access = logger.child({ component: 'http' });
  return (request: Request, response: Response, next: NextFunction): void => {
    const given = request.headers['x-request-id'];
    const id = typeof given === 'string' && SANE_ID.test(given) ? given : randomUUID();
    (request as WithId)[REQUEST_ID] = id;
    const trace = traceContextOf(request.headers);
    if (trace) (request as WithId)[TRACE] = trace;
    response.setHeader('X-Request-Id', id);
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const route = routeOf(request);
      requests?.inc({ method: request.method, route, status: String(response.statusCode) });
      seconds?.observe({ route }, durationMs / 1000);
      const line = { method: request.method, route, status: response.statusCode, durationMs: Math.round(durationMs * 10) / 10, ...requestLogFields(request) };
      if (QUIET.has(route)) access.debug(line, 'request');
      else access.info(line, 'request');
    });
    next();
  };
}
