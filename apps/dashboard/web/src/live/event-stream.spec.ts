import { describe, expect, it } from 'vitest';
import { EventStreamParser } from './event-stream';

describe('reading the live event stream', () => {
  it('gives each event whole, its name and data, and skips heartbeats', () => {
    const parser = new EventStreamParser();
    expect(parser.push('retry: 1000\nevent: ready\ndata: {"teamId":"north"}\n\n: keep-alive\n\n')).toEqual([{ event: 'ready', data: '{"teamId":"north"}' }]);
    expect(parser.push('event: changed\ndata: {"relationshipIds":["acme"]}\n\n')).toEqual([{ event: 'changed', data: '{"relationshipIds":["acme"]}' }]);
  });

  it('waits for the blank line that ends an event, however the chunks fall', () => {
    const parser = new EventStreamParser();
    expect(parser.push('event: chan')).toEqual([]);
    expect(parser.push('ged\r\ndata: {"relationshipIds":')).toEqual([]);
    expect(parser.push('["acme"]}\r\n')).toEqual([]);
    expect(parser.push('\r\n')).toEqual([{ event: 'changed', data: '{"relationshipIds":["acme"]}' }]);
  });

  it('joins data lines and names an unnamed event `message`', () =>
    expect(new EventStreamParser().push('data: a\ndata:b\n\n')).toEqual([{ event: 'message', data: 'a\nb' }]));
});
