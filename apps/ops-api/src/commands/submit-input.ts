// Every signal and command that arrives over HTTP takes this one path into the engine: the same
// `handle`/`handleBatch` the Kafka worker uses. One handler for every input type, no per-command classes.
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ENGINE } from '@offramp/platform';
import type { HandleResult, RelationshipEngine } from '@offramp/runtime';
import { ApiMetrics } from '../metrics/api-metrics';

export class SubmitInputs extends Command<HandleResult[]> {
  constructor(
    readonly kind: 'signal' | 'command',
    /** Envelopes as received, with `kind` (and for commands the caller as `actor`) filled in. */
    readonly raws: readonly unknown[],
    /** Only for a single input: the version the caller read (`If-Match`). */
    readonly expectedVersion?: number,
  ) {
    super();
  }
}

@CommandHandler(SubmitInputs)
export class SubmitInputsHandler implements ICommandHandler<SubmitInputs, HandleResult[]> {
  constructor(@Inject(ENGINE) private readonly engine: RelationshipEngine, private readonly metrics: ApiMetrics) {}

  async execute({ kind, raws, expectedVersion }: SubmitInputs): Promise<HandleResult[]> {
    const done = this.metrics.start(kind);
    const results = raws.length === 1
      ? [await this.engine.handle(raws[0], expectedVersion === undefined ? {} : { expectedVersion })]
      : await this.engine.handleBatch([...raws]);
    done(results);
    return results;
  }
}
