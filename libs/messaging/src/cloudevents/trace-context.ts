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

/** The headers that send a trace context on: W3C and the CloudEvents extension's binary-mode attributes. */
export function traceHeadersOf(trace: TraceContext | undefined): Record<string, string> {
  if (!trace) return {};
  return {
    traceparent: trace.traceparent,
    ce_traceparent: trace.traceparent,
    ...(trace.tracestate ? { tracestate: trace.tracestate, ce_tracestate: trace.tracestate } : {}),
  };
}
