// What-if runs as jobs: started by a request, replayed in the background (it may take seconds on a
// large team), read back with their progress and, once done, the difference. Kept in this process,
// the latest few per team.
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Policy } from '@offramp/domain';
import type { Logger } from '@offramp/observability';
import { CLOCK, EVENT_STORE, LOGGER } from '@offramp/platform';
import type { Clock, EventStore } from '@offramp/runtime';
import { runWhatIf } from '@offramp/simulation';
import type { z } from 'zod';
import type { whatIfJobSchema } from './policy-schemas';

export type WhatIfJob = z.infer<typeof whatIfJobSchema>;

const KEPT_PER_TEAM = 10;

@Injectable()
export class WhatIfJobs {
  private readonly jobs = new Map<string, { teamId: string; job: WhatIfJob; finished: Promise<void> }>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  start(teamId: string, relationshipIds: string[], active: Policy, candidate: Policy): WhatIfJob {
    const job: WhatIfJob = { id: randomUUID(), status: 'running', progress: { phase: 'reading', done: 0, total: relationshipIds.length }, activeVersion: active.version };
    const finished = runWhatIf({
      store: this.store, relationshipIds, active, candidate, until: this.clock.now(),
      onProgress: (progress) => { job.progress = progress; },
    }).then(
      (result) => { job.result = result; job.status = 'done'; },
      (error: unknown) => {
        job.status = 'failed';
        job.error = 'the what-if could not be run';
        this.logger.error({ err: error, teamId }, 'what-if failed');
      },
    );
    this.jobs.set(job.id, { teamId, job, finished });
    this.forgetOld(teamId);
    return job;
  }

  /** The team's job, or null (another team's job is not found either). */
  get(teamId: string, id: string): WhatIfJob | null {
    const entry = this.jobs.get(id);
    return entry && entry.teamId === teamId ? entry.job : null;
  }

  /** Resolves once the job has finished (for callers that would rather wait). */
  async finished(id: string): Promise<void> {
    await this.jobs.get(id)?.finished;
  }

  private forgetOld(teamId: string): void {
    const mine = [...this.jobs].filter(([, e]) => e.teamId === teamId && e.job.status !== 'running');
    for (const [id] of mine.slice(0, Math.max(0, mine.length - KEPT_PER_TEAM))) this.jobs.delete(id);
  }
}
