import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '@offramp/event-store';
import { eventStoreContract } from './contract';
import { sqlHarness } from './sql-harness';

eventStoreContract('PGlite on disk', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'offramp-pglite-'));
  return sqlHarness(await openDatabase({ dataDir }), async () => rmSync(dataDir, { recursive: true, force: true }));
});

eventStoreContract('PGlite in memory', async () => sqlHarness(await openDatabase({ url: 'memory://' })));
