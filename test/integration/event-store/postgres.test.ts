import { openDatabase } from '@offramp/event-store';
import { createTestDatabase } from '../../support/postgres';
import { eventStoreContract } from './contract';
import { sqlHarness } from './sql-harness';

eventStoreContract('PostgreSQL', async () => {
  const database = await createTestDatabase('store_contract');
  return sqlHarness(await openDatabase({ url: database.url }), database.drop);
});
