// Keeps the "latest results" section of bench/README.md equal to the last run that asked for it.
import { promises as fs } from 'node:fs';
import { machineLine } from './machine';
import { markdownTable, type RunReport } from './report';

const START = '<!-- latest-results:start -->';
const END = '<!-- latest-results:end -->';

export async function updateReadme(file: string, report: RunReport): Promise<void> {
  const text = await fs.readFile(file, 'utf8').catch(() => `# Benchmarks\n\n${START}\n${END}\n`);
  const section = [
    START,
    `Run of ${report.timestamp}${report.quick ? ' (`--quick`)' : ''} on ${machineLine(report.machine)}.`,
    '',
    markdownTable(report.benchmarks),
    END,
  ].join('\n');
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  const next = from >= 0 && to > from ? text.slice(0, from) + section + text.slice(to + END.length) : `${text.trimEnd()}\n\n${section}\n`;
  await fs.writeFile(file, next);
}
