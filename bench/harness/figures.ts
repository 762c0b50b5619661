// What a benchmark reports: figures, each optionally against a baseline measured in the same run
// and checked against targets (on the figure itself or on its ratio to the baseline).

export type Comparison = '>=' | '<=';

export interface Target {
  /** `value`: the figure itself; `ratio`: figure ÷ baseline figure. */
  on: 'value' | 'ratio';
  op: Comparison;
  value: number;
}

export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  targets?: Target[];
  note?: string;
}

export interface CheckedFigure extends Figure {
  ratio: number | null;
  /** null when the figure has no target. */
  met: boolean | null;
}

export function check(figure: Figure): CheckedFigure {
  const ratio = figure.baseline && figure.baseline.value !== 0 ? figure.value / figure.baseline.value : null;
  const targets = figure.targets ?? [];
  const met = targets.length === 0 ? null : targets.every((target) => {
    const actual = target.on === 'ratio' ? ratio : figure.value;
    if (actual === null || !Number.isFinite(actual)) return false;
    return target.op === '>=' ? actual >= target.value : actual <= target.value;
  });
  return { ...figure, ratio, met };
}

/** Shorthands that keep the benchmark modules readable. */
export const atLeast = (value: number): Target => ({ on: 'value', op: '>=', value });
export const atMost = (value: number): Target => ({ on: 'value', op: '<=', value });
export const ratioAtLeast = (value: number): Target => ({ on: 'ratio', op: '>=', value });
export const ratioAtMost = (value: number): Target => ({ on: 'ratio', op: '<=', value });
