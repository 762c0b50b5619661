// A benchmark that cannot run says why; the run goes on with the next one.

export class BenchmarkSkipped extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'BenchmarkSkipped';
  }
}

export function skip(reason: string): never {
  throw new BenchmarkSkipped(reason);
}

/** Loads a module of the product; a missing module or a missing export means the capability has not landed. */
export async function requireExports<M extends object, K extends keyof M & string>(
  what: string,
  load: () => Promise<M>,
  names: readonly K[],
): Promise<M> {
  let module: M;
  try {
    module = await load();
  } catch (error) {
    skip(`${what} cannot be loaded: ${firstLine(error)}`);
  }
  const missing = names.filter((name) => module[name] === undefined);
  if (missing.length > 0) skip(`${what} does not provide ${missing.join(', ')} yet`);
  return module;
}

export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
