// Server-Sent Events read with fetch rather than EventSource: EventSource cannot send an
// Authorization header, and a token in the URL would be kept in access logs. This reads the
// `text/event-stream` format (event, data, comments) as it arrives; the caller reconnects.

export interface StreamEvent { event: string; data: string }

/** Turns chunks of an event stream into whole events; a chunk may end anywhere, even mid-line. */
export class EventStreamParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];

  push(chunk: string): StreamEvent[] {
    this.buffer += chunk;
    const events: StreamEvent[] = [];
    let end: number;
    while ((end = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const newline = this.buffer.startsWith('\r\n', end) ? 2 : 1;
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + newline);
      const whole = this.line(line);
      if (whole) events.push(whole);
    }
    return events;
  }

  private line(line: string): StreamEvent | null {
    if (line === '') {
      const whole = this.data.length > 0 ? { event: this.event || 'message', data: this.data.join('\n') } : null;
      this.event = '';
      this.data = [];
      return whole;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    return null;
  }
}

/** Why a stream could not be opened: the status the server answered. */
export class StreamRefused extends Error {
  constructor(readonly status: number) {
    super(`the event stream answered ${status}`);
  }
}

/**
 * Opens `url` with the bearer token in the Authorization header and hands over each event until
 * the stream ends (resolves) or breaks (rejects). Aborting `signal` ends it quietly.
 */
export async function readEventStream(url: string, token: string, signal: AbortSignal, onEvent: (event: StreamEvent) => void): Promise<void> {
  const response = await fetch(url, { headers: { Accept: 'text/event-stream', Authorization: `Bearer ${token}` }, cache: 'no-store', signal });
  if (!response.ok || !response.body) throw new StreamRefused(response.status);
  const parser = new EventStreamParser();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    for (const event of parser.push(value)) onEvent(event);
  }
}
