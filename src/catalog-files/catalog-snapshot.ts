/**
 * A cache of the validated catalog, written at build time (dist/catalog-snapshot.json) and keyed by
 * the SHA-256 of every data file. When every file is byte-for-byte the one that was validated, the
 * CLI uses the snapshot instead of parsing YAML and re-running the schemas — that is most of its
 * start-up time. Any difference (an edited, added or removed file) means the full validating load.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApplicabilitySet, FactSet } from '../core/applicability/fact-types.js';
import type { Catalog } from '../core/catalog/catalog.js';
import type { Framework, MappingSet } from '../core/catalog/catalog-types.js';

export const SNAPSHOT_FORMAT = 'iotassure-catalog-snapshot-1';

interface Snapshot {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly files: Record<string, string>;
  readonly frameworks: Framework[];
  readonly mappingSets: MappingSet[];
  readonly factSets: FactSet[];
  readonly applicabilitySets: ApplicabilitySet[];
}

export const DATA_FOLDERS = ['frameworks', 'mappings', 'profile', 'applicability'] as const;

/** SHA-256 of every data file, by path relative to the data folder. */
export function dataFileHashes(dataDir: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const folder of DATA_FOLDERS) {
    let names: string[] = [];
    try {
      names = readdirSync(join(dataDir, folder)).filter((f) => /\.(ya?ml|json)$/.test(f));
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      hashes[`${folder}/${name}`] = createHash('sha256')
        .update(readFileSync(join(dataDir, folder, name)))
        .digest('hex');
    }
  }
  return hashes;
}

export function writeSnapshot(path: string, dataDir: string, catalog: Catalog): void {
  const snapshot: Snapshot = {
    format: SNAPSHOT_FORMAT,
    files: dataFileHashes(dataDir),
    frameworks: [...catalog.frameworks.values()],
    mappingSets: [...catalog.mappingSets.values()],
    factSets: [...catalog.factSets.values()],
    applicabilitySets: [...catalog.applicabilitySets.values()],
  };
  writeFileSync(path, JSON.stringify(snapshot));
}

/** The snapshot's catalog if it exists and matches the data files exactly; otherwise null. */
export function readSnapshot(path: string, dataDir: string): Catalog | null {
  let snapshot: Snapshot;
  try {
    snapshot = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
  } catch {
    return null;
  }
  if (snapshot.format !== SNAPSHOT_FORMAT) return null;
  const current = dataFileHashes(dataDir);
  const keys = Object.keys(current);
  if (
    keys.length !== Object.keys(snapshot.files).length ||
    keys.some((k) => snapshot.files[k] !== current[k])
  )
    return null;
  return {
    frameworks: new Map(snapshot.frameworks.map((f) => [f.id, f])),
    mappingSets: new Map(snapshot.mappingSets.map((m) => [m.id, m])),
    factSets: new Map(snapshot.factSets.map((f) => [f.id, f])),
    applicabilitySets: new Map(snapshot.applicabilitySets.map((a) => [a.id, a])),
  };
}
