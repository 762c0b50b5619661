import { Module } from '@nestjs/common';
import { ProjectorLoops } from './projector-loops';

/** Read models and the outbox publisher, both tailing the store's global order. */
@Module({ providers: [ProjectorLoops], exports: [ProjectorLoops] })
export class ProjectorModule {}
