import { Module } from '@nestjs/common';
import { EngineLoops } from './engine-loops';

/** Signals and commands from the bus, decided by the engine; due timers fired. */
@Module({ providers: [EngineLoops] })
export class WorkerModule {}
