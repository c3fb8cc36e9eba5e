/**
 * The general catalog model: frameworks hold groups and items; mapping sets link items of one
 * framework to items of another. Nothing here is specific to the IoTSF CF or the DCMS CoP — those
 * are data files. Types are readonly because a loaded catalog is shared by every evaluation.
 */

/** A remark a user must be able to see: `defect` marks a fault in the source kept on purpose. */
export interface Note {
  readonly kind: 'note' | 'defect';
  readonly text: string;
}

export interface SourceDocument {
  readonly title: string;
  readonly url?: string | undefined;
  readonly file?: string | undefined;
}

export interface Group {
  readonly id: string;
  readonly number: string | null;
  readonly title: string;
  readonly parent: string | null;
  readonly notes: readonly Note[];
}

/** Another wording of an item found in a source (e.g. the same requirement printed twice, differently). */
export interface TextVariant {
  readonly text: string;
  readonly source: string;
}

export interface AltTitle {
  readonly title: string;
  readonly source: string;
}

export const STAKEHOLDERS = [
  'device-manufacturers',
  'iot-service-providers',
  'mobile-application-developers',
  'retailers',
] as const;
export type Stakeholder = (typeof STAKEHOLDERS)[number];

export interface Item {
  /** Internal id, unique in its framework; usually equal to `number`. */
  readonly id: string;
  /** The number the source prints, or null when the source prints none. */
  readonly number: string | null;
  readonly group: string | null;
  readonly title: string | null;
  /** The item's text as the source gives it, or null when the source gives none. */
  readonly text: string | null;
  readonly variants: readonly TextVariant[];
  readonly altTitles: readonly AltTitle[];
  readonly stakeholders: readonly Stakeholder[];
  readonly priority: 'top' | null;
  readonly notes: readonly Note[];
}

export interface Framework {
  readonly id: string;
  readonly title: string;
  readonly shortTitle: string;
  readonly version: string;
  readonly publisher: string;
  readonly publicationDate: string;
  readonly source: SourceDocument;
  readonly licence: string;
  /** What one item is called in this framework ("requirement", "guideline", "provision"). */
  readonly itemLabel: string;
  readonly notes: readonly Note[];
  readonly groups: readonly Group[];
  readonly items: readonly Item[];
}

/** NIST IR 8477 set-theory relationships, plus `unspecified` for a plain crosswalk that states none. */
export const RELATIONSHIPS = [
  'equal',
  'subset-of',
  'superset-of',
  'intersects-with',
  'no-relationship',
  'unspecified',
] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

export const RATIONALES = ['syntactic', 'semantic', 'functional'] as const;
export type Rationale = (typeof RATIONALES)[number];

export interface Provenance {
  readonly document: string;
  readonly table: string | null;
  /** 1-based row of the table, counting every row the source prints. */
  readonly row: number | null;
  /** 1-based line in the source file the row was read from, when the source is a text file. */
  readonly line: number | null;
  /** The source's own text at that row, when it differs from the item's canonical text or is worth keeping. */
  readonly text: string | null;
  readonly notes: readonly Note[];
}

export interface MappingLink {
  readonly source: string;
  readonly target: string;
  readonly relationship: Relationship;
  readonly rationale: Rationale | null;
  readonly strength: number | null;
  readonly provenance: Provenance;
}

/** A target item the source explicitly maps to nothing, with what the source says instead. */
export interface UnmappedTarget {
  readonly target: string;
  readonly note: string;
  readonly provenance: Provenance;
}

export interface MappingSet {
  readonly id: string;
  readonly title: string;
  readonly sourceFramework: string;
  readonly targetFramework: string;
  readonly source: SourceDocument & { readonly publisher: string; readonly date: string };
  readonly notes: readonly Note[];
  readonly links: readonly MappingLink[];
  readonly unmappedTargets: readonly UnmappedTarget[];
}
