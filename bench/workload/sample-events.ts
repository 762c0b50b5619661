// Events shaped like the product's facts (about 400 bytes of JSON each), the same for every
// contender so that a ratio compares stores, not payloads.
import type { DomainEvent } from '@offramp/domain';

const BASE_TIME = Date.UTC(2025, 0, 6, 9, 0, 0);

export function relationshipIdOf(n: number): string {
  return `rel-${String(n).padStart(7, '0')}`;
}

export function sampleEvent(relationshipId: string, n: number): DomainEvent {
  const at = new Date(BASE_TIME + n * 60_000).toISOString();
  return {
    type: 'RelationshipMarkedAtRisk',
    relationshipId,
    at,
    policyVersion: '2025-01',
    causedBy: { kind: 'signal', id: `sig-${relationshipId}-${n}`, type: 'payment.late', source: 'billing', at },
    data: {
      score: 42 + (n % 17),
      reasons: [{ code: 'late_payments', message: 'Three invoices paid late in 90 days', since: at, signalIds: [`sig-${relationshipId}-${n}`] }],
    },
  };
}

export function sampleEvents(relationshipId: string, from: number, count: number): DomainEvent[] {
  return Array.from({ length: count }, (_, i) => sampleEvent(relationshipId, from + i));
}
