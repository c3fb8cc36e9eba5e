import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Writes a generated file, or with `check` compares it with what is committed. Returns false when
 * checking found a difference (the caller reports it and exits non-zero).
 */
export function writeOrCheck(path: string, text: string, check: boolean): boolean {
  if (!check) {
    writeFileSync(path, text);
    return true;
  }
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {}
  return current === text;
}
