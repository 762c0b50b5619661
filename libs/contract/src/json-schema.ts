// zod → JSON Schema (draft 2020-12), the one conversion every published document uses: standalone
// schemas with `$id`, `title` and `description`, and sets of named schemas that refer to each other.
import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

/** The id a schema was registered with (`.meta({ id })`). */
export function idOf(schema: z.ZodType): string {
  const id = z.globalRegistry.get(schema)?.id;
  if (typeof id !== 'string') throw new Error('a published schema needs an id (.meta({ id }))');
  return id;
}

function rewriteRefs(node: unknown, from: string, to: (name: string) => string): unknown {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, from, to));
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === '$ref' && typeof value === 'string' && value.startsWith(from) ? to(value.slice(from.length)) : rewriteRefs(value, from, to);
  }
  return out;
}

/**
 * Named schemas and every named schema they use, each once, referring to each other as
 * `refTo(name)`: what an OpenAPI `components.schemas` or AsyncAPI `components.schemas` holds.
 */
export function namedSchemas(roots: z.ZodType[], refTo: (name: string) => string): Record<string, JsonSchema> {
  const holder = z.object(Object.fromEntries(roots.map((schema, i) => [`s${i}`, schema])));
  const converted = z.toJSONSchema(holder, { target: 'draft-2020-12', unrepresentable: 'any' }) as { $defs?: Record<string, JsonSchema> };
  const defs = converted.$defs ?? {};
  return Object.fromEntries(Object.keys(defs).sort().map((name) => [name, rewriteRefs(defs[name], '#/$defs/', refTo) as JsonSchema]));
}

/** One standalone JSON Schema: the named schema itself at the root, the schemas it uses under `$defs`. */
export function standaloneSchema(schema: z.ZodType, meta: { $id: string; title: string; description: string }): JsonSchema {
  const rootName = idOf(schema);
  const defs = namedSchemas([schema], (name) => (name === rootName ? '#' : `#/$defs/${name}`));
  const { [rootName]: root, ...others } = defs;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: meta.$id,
    ...root,
    title: meta.title,
    description: meta.description,
    ...(Object.keys(others).length ? { $defs: others } : {}),
  };
}
