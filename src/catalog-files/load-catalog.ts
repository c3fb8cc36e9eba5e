/**
 * Loads every framework, mapping set, fact set and applicability set from a data directory,
 * validates each file against its schema and then checks the references between them. All
 * problems in all files are reported together.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ApplicabilitySet, FactSet } from '../core/applicability/fact-types.js';
import type { Catalog } from '../core/catalog/catalog.js';
import type { Framework, MappingSet } from '../core/catalog/catalog-types.js';
import { type Diagnostic, DiagnosticError, fileDiagnostic } from '../diagnostics/diagnostic.js';
import { readStructuredFile } from '../diagnostics/read-structured-file.js';
import type { ParsedSource, PathSegment } from '../diagnostics/source-positions.js';
import { parseSource } from '../diagnostics/source-positions.js';
import { packageRoot } from '../package-root.js';
import { frameworkFileSchema, mappingFileSchema } from '../schema/framework-file-schema.js';
import { applicabilityFileSchema, factsFileSchema } from '../schema/profile-file-schema.js';
import { readSnapshot } from './catalog-snapshot.js';
import { checkCatalogReferences } from './check-catalog-references.js';

export const BUNDLED_DATA_DIR = join(packageRoot(), 'data');

const FOLDERS = {
  frameworks: frameworkFileSchema,
  mappings: mappingFileSchema,
  profile: factsFileSchema,
  applicability: applicabilityFileSchema,
} as const;

function dataFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

export interface LoadedFile {
  readonly file: string;
  readonly text: string;
  source: ParsedSource | null;
}

/** Lazily parses a file with positions (only needed when a reference problem must be located). */
export function locateIn(
  loaded: LoadedFile,
  path: readonly PathSegment[],
): { line: number; column: number } | null {
  if (!loaded.source) loaded.source = parseSource(loaded.text, loaded.file).parsed;
  return loaded.source?.locate(path) ?? null;
}

/** Written by `npm run build` (scripts/write-catalog-snapshot.ts) for the bundled data folder. */
export const BUNDLED_SNAPSHOT = join(packageRoot(), 'dist', 'catalog-snapshot.json');

export interface LoadCatalogOptions {
  /** A snapshot to use when it matches the data files exactly; default: the bundled one, for the bundled data. */
  readonly snapshot?: string | null;
}

export function loadCatalog(dataDir: string = BUNDLED_DATA_DIR, options: LoadCatalogOptions = {}): Catalog {
  const snapshot =
    options.snapshot === undefined
      ? dataDir === BUNDLED_DATA_DIR
        ? BUNDLED_SNAPSHOT
        : null
      : options.snapshot;
  const cached = snapshot ? readSnapshot(snapshot, dataDir) : null;
  return cached ?? loadAndValidateCatalog(dataDir);
}

/** Reads, schema-checks and cross-checks every data file; throws a DiagnosticError listing every problem. */
export function loadAndValidateCatalog(dataDir: string): Catalog {
  const dirStat = statSync(dataDir, { throwIfNoEntry: false });
  if (!dirStat?.isDirectory()) {
    throw new DiagnosticError([
      fileDiagnostic(
        dataDir,
        'file-unreadable',
        dirStat ? 'the data folder is not a folder' : 'the data folder does not exist',
        'IOTASSURE_DATA_DIR must name a folder with frameworks/, mappings/, profile/ and applicability/',
      ),
    ]);
  }
  const diagnostics: Diagnostic[] = [];
  const frameworks = new Map<string, Framework>();
  const mappingSets = new Map<string, MappingSet>();
  const factSets = new Map<string, FactSet>();
  const applicabilitySets = new Map<string, ApplicabilitySet>();
  const files = new Map<string, LoadedFile>();
  const duplicate = (file: string, id: string, kind: string) =>
    diagnostics.push({
      severity: 'error',
      code: 'duplicate-id',
      file,
      line: null,
      column: null,
      path: 'id',
      message: `another ${kind} file already has id "${id}"`,
      hint: 'give each data file a unique id',
    });

  for (const folder of Object.keys(FOLDERS) as (keyof typeof FOLDERS)[]) {
    for (const file of dataFiles(join(dataDir, folder))) {
      const result = readStructuredFile(file, FOLDERS[folder]);
      if (!result.ok) {
        diagnostics.push(...result.diagnostics);
        continue;
      }
      const value = result.value;
      const {
        $schema: _schema,
        kind: _kind,
        ...rest
      } = value as typeof value & { $schema?: string; kind: string };
      files.set(`${folder}:${value.id}`, { file, text: result.text, source: result.source });
      if (folder === 'frameworks') {
        if (frameworks.has(value.id)) duplicate(file, value.id, 'framework');
        else frameworks.set(value.id, rest as unknown as Framework);
      } else if (folder === 'mappings') {
        if (mappingSets.has(value.id)) duplicate(file, value.id, 'mapping-set');
        else mappingSets.set(value.id, rest as unknown as MappingSet);
      } else if (folder === 'profile') {
        if (factSets.has(value.id)) duplicate(file, value.id, 'facts');
        else factSets.set(value.id, rest as unknown as FactSet);
      } else if (applicabilitySets.has(value.id)) duplicate(file, value.id, 'applicability');
      else applicabilitySets.set(value.id, rest as unknown as ApplicabilitySet);
    }
  }
  const catalog: Catalog = { frameworks, mappingSets, factSets, applicabilitySets };
  if (diagnostics.length === 0) {
    for (const problem of checkCatalogReferences(catalog)) {
      const loaded = files.get(`${problem.folder}:${problem.fileId}`);
      const pos = loaded ? locateIn(loaded, problem.path) : null;
      diagnostics.push({
        severity: 'error',
        code: problem.code,
        file: loaded?.file ?? dataDir,
        line: pos?.line ?? null,
        column: pos?.column ?? null,
        path: problem.path.join('.'),
        message: problem.message,
        hint: null,
      });
    }
  }
  if (frameworks.size === 0 && diagnostics.length === 0) {
    diagnostics.push(
      fileDiagnostic(
        dataDir,
        'file-unreadable',
        'no framework files found',
        'the data directory must contain frameworks/, mappings/, profile/ and applicability/',
      ),
    );
  }
  if (diagnostics.length > 0) throw new DiagnosticError(diagnostics);
  return catalog;
}
