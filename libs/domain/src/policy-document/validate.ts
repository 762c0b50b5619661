// A candidate policy document is checked like any input: its shape and every number's bounds
// (the schema), then what ties fields together, then rule 5's two bounds, computed from the
// candidate itself with the domain's own risk score. A refusal is `invalid_policy` naming the field.
import type { Refusal } from '../model';
import type { RiskScorePolicy } from '../policy/default-policy';
import { scoreAfter } from '../policy/risk-score';
import { DAY_MS } from '../time';
import { SLOW_BURNERS } from './bounds';
import { policyDocumentSchema, type PolicyDocument } from './schema';

export type PolicyCheck = { ok: true; document: PolicyDocument } | { ok: false; refusal: Refusal };

const invalid = (field: string, message: string): PolicyCheck =>
  ({ ok: false, refusal: { code: 'invalid_policy', message: `${field}: ${message}`, field } });

/** Where the score of a fresh relationship stands after `signs` of `weight` at the given day offsets. */
function scoreAfterSigns(policy: RiskScorePolicy, weight: number, days: number[]): number {
  let risk = { value: 0, at: 0 };
  for (const day of days) risk = scoreAfter(risk, day * DAY_MS, policy, { weight });
  return risk.value;
}

/** Rule 5: one slow burner alone stays below the threshold; eight within seven days reach it. */
function ruleFiveRefusal(policy: PolicyDocument): PolicyCheck | null {
  const score = policy.riskScore;
  const weighted = SLOW_BURNERS.flatMap((code) => {
    const weight = score.weights[code];
    return typeof weight === 'number' ? [{ code, weight }] : [];
  });
  for (const { code, weight } of weighted) {
    const alone = scoreAfterSigns(score, weight, [0]);
    if (alone >= score.threshold) {
      return invalid(`riskScore.weights.${code}`, `one ${code} sign alone would score ${round(alone)}, reaching the at-risk threshold ${score.threshold} (rule 5: one warning sign alone never does)`);
    }
  }
  if (weighted.length === 0) return null;
  // The least the score can be after eight signs within seven days: the lightest sign each time,
  // the first seven a full week before the eighth (any other timing decays less).
  const lightest = weighted.reduce((a, b) => (b.weight < a.weight ? b : a));
  const eight = scoreAfterSigns(score, lightest.weight, [0, 0, 0, 0, 0, 0, 0, 7]);
  if (eight < score.threshold) {
    return invalid(`riskScore.weights.${lightest.code}`, `eight ${lightest.code} signs within seven days would score only ${round(eight)}, below the at-risk threshold ${score.threshold} (rule 5: eight always reach it)`);
  }
  return null;
}

const round = (v: number) => Math.round(v * 10) / 10;

/** Checks a whole candidate document. */
export function checkPolicyDocument(raw: unknown): PolicyCheck {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return invalid('document', 'must be a JSON object');
  const parsed = policyDocumentSchema().safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String);
    const field = issue.code === 'unrecognized_keys' ? [...path, ...issue.keys.slice(0, 1)].join('.') : path.join('.');
    const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
    return invalid(field || 'document', message);
  }
  const document = parsed.data;
  const policy = document;
  if (policy.riskScore.fadeBelow >= policy.riskScore.threshold) {
    return invalid('riskScore.fadeBelow', `must be below the at-risk threshold ${policy.riskScore.threshold} (rule 10)`);
  }
  if (policy.repetition.minThreshold > policy.riskScore.threshold) {
    return invalid('repetition.minThreshold', `must not be above the at-risk threshold ${policy.riskScore.threshold} (rule 6)`);
  }
  return ruleFiveRefusal(policy) ?? { ok: true, document };
}
