// A policy whose document was stored before a field existed lacks that field: the defaults fill
// it in, and the result is parsed as a document, so what decides is a whole, typed policy.
import { applyMergePatch } from '../policy-document/merge-patch';
import { documentOf, policyDocumentSchema } from '../policy-document/schema';
import { DEFAULT_POLICY, POLICY_V1, POLICY_V2, type DomainPolicy, type Policy } from './default-policy';

/** The complete policies the domain ships: used as they are, never merged. */
const COMPLETE: ReadonlySet<Policy> = new Set<Policy>([POLICY_V1, POLICY_V2, DEFAULT_POLICY]);

const resolved = new WeakMap<Policy, DomainPolicy>();

function filled(policy: Policy): DomainPolicy {
  const parsed = policyDocumentSchema().safeParse(applyMergePatch(documentOf(DEFAULT_POLICY), documentOf(policy)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`policy ${policy.version}: ${issue.path.join('.') || 'document'} ${issue.message}`);
  }
  return { ...parsed.data, version: policy.version, ...(policy.basedOn !== undefined ? { basedOn: policy.basedOn } : {}) };
}

export function policyOf(policy: Policy): DomainPolicy {
  if (COMPLETE.has(policy)) return policy;
  let full = resolved.get(policy);
  if (!full) {
    full = filled(policy);
    resolved.set(policy, full);
  }
  return full;
}
