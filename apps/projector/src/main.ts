// The projector on its own: read models and the outbox publisher; /health and /metrics.
import { PlatformModule, run } from '@offramp/platform';
import { ProjectorModule } from './projector.module';

run({
  name: 'projector',
  rootModule: (config) => ({ module: ProjectorModule, imports: [PlatformModule.forRoot(config)] }),
});
