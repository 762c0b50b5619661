// Types of the boundaries step's import-cycle rule (import-cycles.mjs), for its spec.
import type { Rule } from 'eslint';

/** Each file of `root` with the files it imports. */
export function importGraph(root: string, text?: (file: string) => string): Map<string, string[]>;
/** The files on each cycle of the graph. */
export function cyclesOf(graph: Map<string, string[]>): string[][];
export const noImportCycle: Rule.RuleModule;
declare const plugin: { rules: { 'no-import-cycle': Rule.RuleModule } };
export default plugin;
