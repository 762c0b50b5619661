// `offramp projections rebuild|list` against a PostgreSQL database of its own.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projections } from '../../../apps/cli/src/commands/projections';
import { UsageError } from '../../../apps/cli/src/commands/command';
import { createTestDatabase, type TestDatabase } from '../../support/postgres';

function capture() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const text = (stream: PassThrough) => () => String(stream.read() ?? '');
  return { io: { stdout, stderr }, out: text(stdout), err: text(stderr) };
}

describe('projections command', () => {
  let database: TestDatabase;
  const previous = process.env.DATABASE_URL;

  beforeAll(async () => {
    database = await createTestDatabase('projections_cli');
    process.env.DATABASE_URL = database.url;
  });
  afterAll(async () => {
    if (previous === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previous;
    await database?.drop();
  });

  it('rebuilds one read model by name and says what it did', async () => {
    const { io, out, err } = capture();
    expect(await projections.run(['rebuild', 'timeline'], io)).toBe(0);

    expect(JSON.parse(out())).toEqual({ projections: ['timeline'], processed: 0, total: 0 });
    expect(err()).toContain('rebuilt timeline');
  });

  it('lists every read model with its checkpoint', async () => {
    const { io, out } = capture();
    expect(await projections.run(['list'], io)).toBe(0);
    expect(out()).toMatch(/^timeline\t-$/m);
  });

  it('names the known read models when asked for another', async () => {
    const { io } = capture();
    await expect(projections.run(['rebuild', 'nonexistent'], io)).rejects.toThrow(UsageError);
    await expect(projections.run(['rebuild', 'nonexistent'], io)).rejects.toThrow(/known: .*timeline/);
  });
});
