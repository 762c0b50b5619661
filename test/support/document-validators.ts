// Validators built only from a published document (OpenAPI or AsyncAPI): what a consumer who
// knows nothing but the document would check. Schemas refer to each other as
// `#/components/schemas/Name`, so the document's components are registered as one schema.
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

export type Document = { components?: { schemas?: Record<string, unknown> } } & Record<string, unknown>;

export interface DocumentValidators {
  /** A validator for a schema of the document (`{ $ref: '#/components/schemas/X' }` or inline). */
  of(schema: unknown): ValidateFunction;
  /** The errors of `value` against `schema`, as readable lines (empty: valid). */
  problems(schema: unknown, value: unknown): string[];
}

export function validatorsOf(document: Document, id = 'urn:document:root'): DocumentValidators {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: id, components: { schemas: document.components?.schemas ?? {} } });
  const anchored = (schema: unknown): unknown => JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, `"${id}#/components/`));
  const cache = new Map<string, ValidateFunction>();
  const of = (schema: unknown): ValidateFunction => {
    const key = JSON.stringify(schema);
    let validate = cache.get(key);
    if (!validate) {
      validate = ajv.compile(anchored(schema) as object);
      cache.set(key, validate);
    }
    return validate;
  };
  return {
    of,
    problems(schema, value) {
      const validate = of(schema);
      return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
    },
  };
}
