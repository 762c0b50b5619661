// The policy document: the whole policy as JSON (every field of the default policy but `version`,
// under the same names). Its schema is derived from the default policy's shape, so a field added to
// the policy is part of the document at once; numbers take their bounds from POLICY_BOUNDS.
import { z } from 'zod';
import { DEFAULT_POLICY, type Policy } from '../policy/default-policy';
import { POLICY_FIELD_MEANINGS, boundsOf } from './bounds';

/** The whole policy as a team edits it: every field but the version it is recorded under. */
export type PolicyDocument = Omit<Policy, 'version' | 'basedOn'>;

/** Fields of the policy object that are not part of its document. */
const NOT_IN_DOCUMENT = new Set(['version', 'basedOn']);

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);

function schemaOfValue(value: unknown, path: string): z.ZodType {
  const meaning = POLICY_FIELD_MEANINGS[path];
  const described = <T extends z.ZodType>(schema: T): T => (meaning ? schema.meta({ description: meaning }) : schema);
  if (typeof value === 'number') {
    const bounds = boundsOf(path);
    if (!bounds) throw new Error(`policy field ${path} is a number without bounds: add them to POLICY_BOUNDS`);
    const base = bounds.integer ? z.number().int() : z.number();
    // `x-unit`: an extension keyword, which JSON Schema and OpenAPI both allow.
    return base.min(bounds.min).max(bounds.max).meta({ description: bounds.meaning, ...(bounds.unit ? { 'x-unit': bounds.unit } : {}) });
  }
  if (typeof value === 'boolean') return described(z.boolean());
  if (typeof value === 'string') {
    if (path.endsWith('timeZone')) return described(z.string().refine(isValidTimeZone, 'must be an IANA time zone'));
    if (HH_MM.test(value)) return described(z.string().regex(HH_MM, 'must be a time of day, HH:MM'));
    return described(z.string().min(1));
  }
  if (Array.isArray(value)) {
    const item = value.length > 0 ? schemaOfValue(value[0], join(path, '*')) : z.unknown();
    return described(z.array(item).max(Math.max(7, value.length * 4)));
  }
  if (typeof value === 'object' && value !== null) {
    const shape: Record<string, z.ZodType> = {};
    for (const [key, child] of Object.entries(value)) {
      if (path === '' && NOT_IN_DOCUMENT.has(key)) continue;
      shape[key] = schemaOfValue(child, join(path, key));
    }
    return described(z.strictObject(shape));
  }
  throw new Error(`policy field ${path} has a value a document cannot hold`);
}

let built: z.ZodType<PolicyDocument> | undefined;

/**
 * The zod schema of a whole policy document. It is walked from the default policy's value, so it
 * holds exactly the fields of PolicyDocument (policy-document.spec.ts parses the default's document).
 */
export function policyDocumentSchema(): z.ZodType<PolicyDocument> {
  built ??= schemaOfValue(DEFAULT_POLICY, '') as z.ZodType<PolicyDocument>;
  return built;
}

/** The document of a policy: everything but its version. */
export function documentOf(policy: Policy): PolicyDocument {
  const { version: _version, basedOn: _basedOn, ...document } = policy;
  return structuredClone(document);
}

export interface PolicyField {
  /** Dotted path in the document. */
  field: string;
  kind: 'number' | 'text' | 'list' | 'boolean';
  meaning: string;
  min?: number;
  max?: number;
  integer?: boolean;
  unit?: string;
}

/** Every leaf field of the document with its meaning and bounds (what the dashboard shows). */
export function policyFields(): PolicyField[] {
  const fields: PolicyField[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'number') {
      const b = boundsOf(path)!;
      fields.push({ field: path, kind: 'number', meaning: b.meaning, min: b.min, max: b.max, ...(b.integer ? { integer: true } : {}), ...(b.unit ? { unit: b.unit } : {}) });
    } else if (Array.isArray(value)) {
      const b = boundsOf(join(path, '*'));
      fields.push({ field: path, kind: 'list', meaning: POLICY_FIELD_MEANINGS[path] ?? b?.meaning ?? path, ...(b ? { min: b.min, max: b.max, integer: b.integer } : {}) });
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) if (!(path === '' && NOT_IN_DOCUMENT.has(key))) walk(child, join(path, key));
    } else {
      fields.push({ field: path, kind: typeof value === 'boolean' ? 'boolean' : 'text', meaning: POLICY_FIELD_MEANINGS[path] ?? path });
    }
  };
  walk(DEFAULT_POLICY, '');
  return fields;
}
