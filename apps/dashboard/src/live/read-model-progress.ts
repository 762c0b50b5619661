// Where the read models stand: the checkpoints the projector saves with every batch it applies.
import { CheckpointStore, type Database } from '@offramp/event-store';
import { allProjections } from '@offramp/read-models';
import type { ReadModelProgress } from './change-feed';

export function readModelProgress(database: Database): ReadModelProgress {
  const checkpoints = new CheckpointStore(database);
  const names = allProjections().map((p) => p.name);
  return { checkpoints: () => Promise.all(names.map((name) => checkpoints.load(name))) };
}
