// The signature on every delivery (README, "Webhooks"): HMAC-SHA256 with the subscription's
// secret over `<timestamp>.<body>`, sent as `offramp-signature: t=<unix seconds>,v1=<hex>`.
// The timestamp is signed too, so a receiver can refuse an old delivery replayed at it.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'offramp-signature';

export function signatureOf(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** True when `header` signs `body` with `secret` (and, given `maxAgeSeconds`, is that recent). */
export function verifySignature(secret: string, body: string, header: string, nowSeconds?: number, maxAgeSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || typeof parts.v1 !== 'string') return false;
  if (nowSeconds !== undefined && Math.abs(nowSeconds - t) > maxAgeSeconds) return false;
  const expected = Buffer.from(signatureOf(secret, body, t).split('v1=')[1]!, 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
