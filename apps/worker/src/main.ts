// The engine worker on its own: consumes signals and commands, fires timers; /health and /metrics.
import { PlatformModule, run } from '@offramp/platform';
import { WorkerModule } from './worker.module';

run({
  name: 'worker',
  rootModule: (config) => ({ module: WorkerModule, imports: [PlatformModule.forRoot(config)] }),
});
