import type { Migration } from '../database';

// Signal idempotency keys were `signal:<source>:<id>`, ambiguous when either part holds a colon
// (`crm` + `a:1` and `crm:a` + `1` were one key). They are now `signal:` and the pair as a JSON
// array (`idempotencyKeyOf` in the domain). Each stored key is rewritten from the signal its first
// event records, which knows where source ends and id begins; a key whose events are gone is split
// at its first colon, which is how every source in the catalogue's examples is spelled.
// `to_json(text)` escapes exactly the characters JSON.stringify does for the strings the catalogue
// admits (no NUL, no lone surrogates), so the rewritten key equals the one the engine now builds.
export const signalKeyEncoding: Migration = {
  id: 'event-store/008_signal_key_encoding',
  sql: `
    UPDATE idempotency_keys k
    SET key = 'signal:[' || to_json(e.data->'causedBy'->>'source')::text || ',' || to_json(e.data->'causedBy'->>'id')::text || ']'
    FROM events e
    WHERE k.key LIKE 'signal:%'
      AND e.stream_id = k.stream_id AND e.version = k.from_version
      AND e.data->'causedBy'->>'kind' = 'signal'
      AND k.key = 'signal:' || (e.data->'causedBy'->>'source') || ':' || (e.data->'causedBy'->>'id');

    UPDATE idempotency_keys
    SET key = 'signal:[' || to_json(split_part(substr(key, 8), ':', 1))::text || ','
      || to_json(substr(substr(key, 8), strpos(substr(key, 8), ':') + 1))::text || ']'
    WHERE key LIKE 'signal:%' AND key NOT LIKE 'signal:["%' AND strpos(substr(key, 8), ':') > 0;
  `,
};
