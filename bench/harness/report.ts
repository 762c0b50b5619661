// The run's outcome: a table for people (stdout, README) and latest.json for machines.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { CheckedFigure, Target } from './figures';
import type { MachineInfo } from './machine';

export interface BenchmarkOutcome {
  name: string;
  status: 'ran' | 'skipped' | 'failed';
  reason?: string;
  seconds: number;
  figures: CheckedFigure[];
}

export interface RunReport {
  timestamp: string;
  quick: boolean;
  options: Record<string, unknown>;
  machine: MachineInfo;
  benchmarks: BenchmarkOutcome[];
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

function formatTarget(target: Target, unit: string): string {
  const op = target.op === '>=' ? '≥' : '≤';
  if (target.on === 'ratio') return target.value >= 2 || target.value !== Math.round(target.value * 100) / 100 ? `${op} ${formatNumber(target.value)}×` : `${op} ${formatNumber(target.value * 100)}%`;
  return `${op} ${formatNumber(target.value)} ${unit}`;
}

function formatRatio(ratio: number | null): string {
  if (ratio === null) return '';
  return ratio >= 2 ? `${formatNumber(ratio)}×` : `${formatNumber(ratio * 100)}%`;
}

const HEADER = ['benchmark', 'figure', 'value', 'unit', 'baseline', 'baseline value', 'ratio', 'target', 'met?'];

export function tableRows(benchmarks: readonly BenchmarkOutcome[]): string[][] {
  const rows: string[][] = [];
  for (const outcome of benchmarks) {
    if (outcome.status !== 'ran') {
      rows.push([outcome.name, outcome.status, '', '', '', '', '', '', outcome.reason ?? '']);
    }
    for (const figure of outcome.figures) {
      rows.push([
        outcome.name,
        figure.name,
        formatNumber(figure.value),
        figure.unit,
        figure.baseline?.name ?? '',
        figure.baseline ? formatNumber(figure.baseline.value) : '',
        formatRatio(figure.ratio),
        (figure.targets ?? []).map((target) => formatTarget(target, figure.unit)).join(', '),
        figure.met === null ? '' : figure.met ? 'yes' : 'NO',
      ]);
    }
  }
  return rows;
}

/** Fixed-width columns for a terminal. */
export function textTable(benchmarks: readonly BenchmarkOutcome[]): string {
  const rows = [HEADER, ...tableRows(benchmarks)];
  const widths = HEADER.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]): string => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [line(rows[0]!), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** A GitHub table for the README. */
export function markdownTable(benchmarks: readonly BenchmarkOutcome[]): string {
  const escape = (cell: string): string => cell.replace(/\|/g, '\\|');
  const rows = tableRows(benchmarks).map((row) => `| ${row.map(escape).join(' | ')} |`);
  return [`| ${HEADER.join(' | ')} |`, `|${HEADER.map(() => '---').join('|')}|`, ...rows].join('\n');
}

export async function writeReport(file: string, report: RunReport): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
}
