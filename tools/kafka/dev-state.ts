// Where the development broker started by `npm run kafka -- start` is recorded (ignored by git).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { BrokerProcess } from './broker';

export interface DevBrokerState extends BrokerProcess { startedAt: string }

export const DEV_STATE_FILE = path.resolve(__dirname, '..', '..', '.kafka-dev', 'state.json');

export async function readDevState(file = DEV_STATE_FILE): Promise<DevBrokerState | null> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as DevBrokerState;
  } catch {
    return null;
  }
}

export async function writeDevState(state: DevBrokerState, file = DEV_STATE_FILE): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}`;
  await fs.writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`);
  await fs.rename(temporary, file);
}

export async function clearDevState(file = DEV_STATE_FILE): Promise<void> {
  await fs.rm(file, { force: true });
}
