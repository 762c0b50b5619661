// W3C trace context (traceparent, tracestate) across HTTP and Kafka, and the CloudEvents
// distributed-tracing extension that carries it on published events.
import { traceContextSchema } from '@offramp/domain';

export interface TraceContext { traceparent: string; tracestate?: string }

/** The trace context from headers (`traceparent`, or the CloudEvents `ce_traceparent`), when a valid one is there. */
export function traceContextOf(headers: Record<string, string | string[] | undefined>): TraceContext | undefined {
  const get = (name: string): string | undefined => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const traceparent = get('traceparent') ?? get('ce_traceparent');
  if (traceparent === undefined) return undefined;
  const tracestate = get('tracestate') ?? get('ce_tracestate');
  const parsed = traceContextSchema.safeParse({ traceparent: traceparent.trim().toLowerCase(), ...(tracestate ? { tracestate } : {}) });
  return parsed.success ? parsed.data : undefined;
}

/** The trace context an input carries (`trace`, see withTraceContext), when it is a valid one: what the engine keeps on its events. */
export function traceContextOfInput(raw: unknown): TraceContext | undefined {
  if (typeof raw !== 'object' || raw === null || !('trace' in raw)) return undefined;
  const parsed = traceContextSchema.safeParse(raw.trace);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The input with the trace context it came with, for the engine to keep on the events it causes. A
 * context the input itself carries (a structured CloudEvent's `traceparent`) wins over the headers'.
 */
export function withTraceContext<T extends Record<string, unknown>>(raw: T, trace: TraceContext | undefined): T {
  return trace && raw.trace === undefined ? { ...raw, trace } : raw;
}

/** A trace context as log fields (OpenTelemetry's names), so every log line of the work it caused can be found by its trace. */
export function traceLogFields(trace: TraceContext | undefined): Record<string, string> {
  if (!trace) return {};
  const [, traceId, spanId, flags] = trace.traceparent.split('-');
  return { trace_id: traceId!, span_id: spanId!, trace_flags: flags!, traceparent: trace.traceparent };
}

/** The headers that send a trace context on: W3C and the CloudEvents extension's binary-mode attributes. */
export function traceHeadersOf(trace: TraceContext | undefined): Record<string, string> {
  if (!trace) return {};
  return {
    traceparent: trace.traceparent,
    ce_traceparent: trace.traceparent,
    ...(trace.tracestate ? { tracestate: trace.tracestate, ce_tracestate: trace.tracestate } : {}),
  };
}
