/** Arranges what a bundle attests into its manifest; every value comes from the one report model. */
import type { Report } from '../core/report/report-model.js';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION } from './bundle-format.js';
import type { Manifest, ManifestFile } from './manifest-schema.js';

export interface ManifestInput {
  readonly createdAt: string;
  readonly signer: { readonly name: string; readonly publicKeyPem: string; readonly fingerprint: string };
  readonly report: Report;
  /** SHA-256 of each catalog data file the report was computed with, by path in the data folder. */
  readonly dataFiles: Readonly<Record<string, string>>;
  readonly files: readonly ManifestFile[];
}

export function buildManifest(input: ManifestInput): Manifest {
  const { report } = input;
  const framework = (fw: Report['catalog']['source']) => ({
    id: fw.id,
    title: fw.title,
    version: fw.version,
  });
  return {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    createdAt: input.createdAt,
    signer: {
      name: input.signer.name,
      publicKey: input.signer.publicKeyPem,
      fingerprint: input.signer.fingerprint,
    },
    tool: { name: report.tool.name, version: report.tool.version },
    catalog: {
      source: framework(report.catalog.source),
      target: framework(report.catalog.target),
      mappingSet: { id: report.catalog.mappingSet.id, title: report.catalog.mappingSet.title },
      dataFiles: Object.entries(input.dataFiles).map(([path, sha256]) => ({ path, sha256 })),
    },
    product: {
      name: report.product.name,
      model: report.product.model,
      version: report.product.version,
      manufacturer: report.product.manufacturer,
    },
    summary: {
      guidelinesMet: report.summary.guidelinesMet,
      guidelinesTotal: report.summary.guidelinesTotal,
      guidelines: report.guidelines.map((g) => ({
        id: g.id,
        number: g.number,
        title: g.title,
        outcome: g.outcome,
      })),
    },
    files: input.files.map((f) => ({ path: f.path, role: f.role, size: f.size, sha256: f.sha256 })),
  };
}

/** The manifest as signed: indented JSON (people read it) ending in a newline. */
export function manifestBytes(manifest: Manifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
}
