// Where the built page lives: `dist/web` at the repository root, found from the compiled module
// (dist/apps/dashboard/src/static) or from the source (apps/dashboard/src/static, under tests).
import { existsSync } from 'node:fs';
import path from 'node:path';

export function findWebRoot(from: string = __dirname): string | null {
  const candidates = [path.resolve(from, '../../../../web'), path.resolve(from, '../../../../dist/web')];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? null;
}
