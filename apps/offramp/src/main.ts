// `npm start`: the whole product in one process. With no configuration: PGlite in ./data, the
// in-process bus, HTTP on PORT (3000). DATABASE_URL and KAFKA_BROKERS switch to the real services.
import { PlatformModule, run } from '@offramp/platform';
import { DashboardModule } from '../../dashboard/src/dashboard.module';
import { OpsApiModule } from '../../ops-api/src/ops-api.module';
import { ProjectorModule } from '../../projector/src/projector.module';
import { WorkerModule } from '../../worker/src/worker.module';
import { announceSignInLink } from './sign-in-link';

class OfframpModule {}

run({
  name: 'offramp',
  rootModule: (config) => ({
    module: OfframpModule,
    imports: [PlatformModule.forRoot(config), OpsApiModule, DashboardModule, WorkerModule, ProjectorModule],
  }),
  afterListen: (_app, config, logger) => announceSignInLink(config, logger),
});
