export async function initCommand(_opts: Record<string, unknown>): Promise<number> {
  throw new Error('init: not built yet');
}
