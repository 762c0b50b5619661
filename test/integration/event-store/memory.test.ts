import { InMemoryEventStore } from '@offramp/event-store';
import { eventStoreContract } from './contract';

eventStoreContract('in memory', async () => ({
  fresh: async () => {
    const store = new InMemoryEventStore();
    return { store, timers: store.timers };
  },
  close: async () => undefined,
}));
