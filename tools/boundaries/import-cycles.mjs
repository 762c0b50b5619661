// An ESLint rule for the boundaries step: no import cycle among the modules of a folder. The graph
// is read once per run from the files' static imports and re-exports (type-only ones too: a cycle
// of types is still a knot to untie); each file on a cycle is reported with the cycle it is on.
import fs from 'node:fs';
import path from 'node:path';

const IMPORT = /^\s*(?:import|export)\s[^;]*?\sfrom\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm;

function sourceFiles(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sourceFiles(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) found.push(full);
  }
  return found;
}

/** The file an import names; `extra` is a file being linted that is not on disk. */
function resolved(from, specifier, extra = null) {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (candidate === extra) return candidate;
    if (candidate.endsWith('.ts') && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** The import graph of `root`, read from `text(file)` for each file. */
export function importGraph(root, text = (file) => fs.readFileSync(file, 'utf8')) {
  const graph = new Map();
  for (const file of sourceFiles(root)) {
    const targets = [...text(file).matchAll(IMPORT)].map((m) => resolved(file, m[1] ?? m[2])).filter((t) => t !== null);
    graph.set(file, targets);
  }
  return graph;
}

/** The cycles of a graph: its strongly connected components of more than one file, or a file importing itself. */
export function cyclesOf(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

const cyclesByRoot = new Map();

/** `root` (relative to the working directory): the folder whose modules may not import in a cycle. */
export const noImportCycle = {
  meta: { type: 'problem', schema: [{ type: 'object', properties: { root: { type: 'string' } }, required: ['root'] }] },
  create(context) {
    const root = path.resolve(context.cwd, context.options[0].root);
    const file = path.resolve(context.filename);
    if (!file.startsWith(root + path.sep)) return {};
    return {
      Program(node) {
        // Lint text of a file not on disk (an editor buffer, a probe) is read as given.
        const source = context.sourceCode.getText();
        const text = (f) => (f === file ? source : fs.readFileSync(f, 'utf8'));
        const onDisk = fs.existsSync(file);
        if (!cyclesByRoot.has(root) || !onDisk) {
          const graph = importGraph(root, text);
          if (!onDisk) graph.set(file, [...source.matchAll(IMPORT)].map((m) => resolved(file, m[1] ?? m[2], file)).filter((t) => t !== null));
          const cycles = cyclesOf(graph);
          if (!onDisk) {
            report(context, node, cycles, file, root);
            return;
          }
          cyclesByRoot.set(root, cycles);
        }
        report(context, node, cyclesByRoot.get(root), file, root);
      },
    };
  },
};

function report(context, node, cycles, file, root) {
  const cycle = cycles.find((c) => c.includes(file));
  if (!cycle) return;
  const names = cycle.map((f) => path.relative(root, f)).join(' → ');
  context.report({ node, message: `${path.relative(context.cwd, root)} imports in a cycle (${names}): import from the module that defines what you use, never through index.ts.` });
}

export default { rules: { 'no-import-cycle': noImportCycle } };
