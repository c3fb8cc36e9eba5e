import { readFileSync, statSync } from 'node:fs';

/** A PEM key is a few hundred bytes; the limit keeps `--key /dev/zero` or a wrong, huge file harmless. */
const MAX_KEY_BYTES = 64 * 1024;

/** The text of a key file; throws an Error whose message says what is wrong with the file. */
export function readKeyText(path: string): string {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) throw new Error('the file does not exist');
  if (!stat.isFile()) throw new Error('it is not a regular file');
  if (stat.size > MAX_KEY_BYTES) throw new Error(`it is ${stat.size} bytes; a key file is under 1 KB`);
  return readFileSync(path, 'utf8');
}
