// The machine a run measured, recorded beside its figures.
import os from 'node:os';
import type { LoadSummary } from './load';
import { postgresServerVersion } from './scratch-database';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  kafka: string;
  /** The 1-minute load average while the run measured (absent in reports written before it was kept). */
  load?: LoadSummary;
}

export async function describeMachine(kafka: string, load?: LoadSummary): Promise<MachineInfo> {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: await postgresServerVersion(),
    kafka,
    ...(load ? { load } : {}),
  };
}

export function machineLine(machine: MachineInfo): string {
  const load = machine.load
    ? `; 1-minute load average during the run ${machine.load.median} (${machine.load.min}–${machine.load.max})${machine.load.median > machine.cores ? ', the machine shared with other work' : ''}`
    : '';
  return `${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}, PostgreSQL ${machine.postgres}, Kafka ${machine.kafka}${load}`;
}
