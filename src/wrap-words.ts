/**
 * Greedy word wrap for monospace text (terminal reports, catalog output, YAML comments): lines of
 * at most `width` columns counting an `indent` the caller adds before each continuation line, the
 * first line starting at column `firstUsed`. Overlong words are kept whole.
 */
export function wrapWords(text: string, width: number, indent = 0, firstUsed = indent): string[] {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = '';
  let used = firstUsed;
  for (const word of words) {
    const add = line ? ` ${word}` : word;
    if (line && used + add.length > width) {
      lines.push(line);
      line = word;
      used = indent + word.length;
    } else {
      line += add;
      used += add.length;
    }
  }
  lines.push(line);
  return lines;
}
