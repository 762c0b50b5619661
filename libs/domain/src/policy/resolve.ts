// A policy from configuration may leave out what it does not change: the defaults fill the rest.
import type { Policy } from '../api';
import { DEFAULT_POLICY, POLICY_V1, POLICY_V2, type DomainPolicy } from './default-policy';

/** The complete policies the domain ships: used as they are, never merged. */
const COMPLETE: ReadonlySet<Policy> = new Set<Policy>([POLICY_V1, POLICY_V2, DEFAULT_POLICY]);

const resolved = new WeakMap<Policy, DomainPolicy>();

function merged(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const b = base[key];
    const plain = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
    out[key] = plain(b) && plain(value) ? merged(b as Record<string, unknown>, value as Record<string, unknown>) : value;
  }
  return out;
}

export function policyOf(policy: Policy): DomainPolicy {
  if (COMPLETE.has(policy)) return policy as DomainPolicy;
  let full = resolved.get(policy);
  if (!full) {
    full = merged(DEFAULT_POLICY as unknown as Record<string, unknown>, policy) as unknown as DomainPolicy;
    resolved.set(policy, full);
  }
  return full;
}
