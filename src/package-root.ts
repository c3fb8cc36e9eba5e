import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

/**
 * The folder holding iotassure's package.json, data/ and schemas/. Found by walking up from this
 * module, so it is right both for the tsc output (dist/…/x.js), the bundle (dist/bundle/) and tsx.
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) {
      cached = dir;
      return dir;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('iotassure: cannot find its package folder (package.json beside data/)');
    dir = up;
  }
}
