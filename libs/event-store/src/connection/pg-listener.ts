// LISTEN on PostgreSQL needs a connection of its own that stays open: a pooled one goes back to
// the pool and its subscriptions with it. One client serves every channel of the process; when it
// is lost (server restart, network) it reconnects with back-off and tells each listener it may have
// missed messages, so readers catch up by reading instead of waiting for the next one.
import { Client } from 'pg';

type Subscriber = { onMessage: (payload: string) => void; onGap?: () => void };

const quoted = (channel: string): string => `"${channel.replace(/"/g, '""')}"`;

export class PgListener {
  private readonly channels = new Map<string, Set<Subscriber>>();
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;
  private retryMs = 100;

  constructor(private readonly url: string) {}

  async listen(channel: string, onMessage: (payload: string) => void, onGap?: () => void): Promise<() => Promise<void>> {
    const subscriber: Subscriber = { onMessage, onGap };
    let subscribers = this.channels.get(channel);
    const first = !subscribers;
    if (!subscribers) this.channels.set(channel, (subscribers = new Set()));
    subscribers.add(subscriber);
    await this.connected();
    if (first && this.client) await this.client.query(`LISTEN ${quoted(channel)}`);
    return async () => {
      subscribers.delete(subscriber);
      if (subscribers.size > 0) return;
      this.channels.delete(channel);
      await this.client?.query(`UNLISTEN ${quoted(channel)}`).catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private connected(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => { this.connecting = null; });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, connectionTimeoutMillis: 5_000 });
    client.on('notification', (message) => {
      for (const s of this.channels.get(message.channel) ?? []) s.onMessage(message.payload ?? '');
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    await client.connect();
    for (const channel of this.channels.keys()) await client.query(`LISTEN ${quoted(channel)}`);
    this.client = client;
    this.retryMs = 100;
  }

  private lost(client: Client): void {
    if (this.client !== client) return;
    this.client = null;
    void client.end().catch(() => undefined);
    this.reconnect();
  }

  private reconnect(): void {
    if (this.closed) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 5_000);
    setTimeout(() => {
      this.connected().then(
        () => { for (const subscribers of this.channels.values()) for (const s of subscribers) s.onGap?.(); },
        () => this.reconnect(),
      );
    }, wait).unref();
  }
}
