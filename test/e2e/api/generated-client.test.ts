// The typed client is generated in the build from the OpenAPI document; the copy in the repository
// (which the dashboard's types and these tests import) must be that same output, or they read
// shapes the server no longer has.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('the generated ops API client', () => {
  it('the committed client is what the build generates from the current document', () => {
    const built = read('dist/contract/ops-api.generated.ts');
    const committed = read('libs/contract/src/client/ops-api.generated.ts');
    expect(committed === built, 'libs/contract/src/client/ops-api.generated.ts is stale: run `npm run contract:client` and commit it').toBe(true);
  });
});
