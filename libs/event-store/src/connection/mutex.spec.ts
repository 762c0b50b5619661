import { describe, expect, it } from 'vitest';
import { Mutex } from './mutex';

describe('the single-connection lock', () => {
  it('runs holders one after another in arrival order, even when one fails', async () => {
    const lock = new Mutex();
    const trace: string[] = [];
    const hold = (name: string, fail = false) => lock.run(async () => {
      trace.push(`${name}+`);
      await new Promise((resolve) => setImmediate(resolve));
      trace.push(`${name}-`);
      if (fail) throw new Error(name);
    });

    const outcomes = await Promise.allSettled([hold('a'), hold('b', true), hold('c')]);
    expect(trace).toEqual(['a+', 'a-', 'b+', 'b-', 'c+', 'c-']);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
