/**
 * The subset of OSCAL 1.2.2 (JSON) that iotassure writes: catalog, mapping-collection and
 * assessment-results. Field names are OSCAL's own. Every array is optional rather than possibly
 * empty, because OSCAL forbids empty arrays (`minItems: 1`): builders leave a field out instead.
 * Closed value sets are literal unions, so a value OSCAL does not allow fails to compile.
 *
 * Strings typed `MarkupLine`/`MarkupMultiline` are Markdown in OSCAL's JSON format and must come from
 * oscal-text.ts (escaped); plain `string` fields are OSCAL "string" values: one trimmed line.
 */

/** OSCAL markup-line: Markdown on one line. Build with `markupLine`. */
export type MarkupLine = string & { readonly __markup: 'line' };
/** OSCAL markup-multiline: Markdown paragraphs. Build with `markupMultiline`. */
export type MarkupMultiline = string & { readonly __markup: 'multiline' };

export interface OscalProperty {
  readonly name: string;
  readonly value: string;
  readonly ns?: string;
  readonly class?: string;
  readonly remarks?: MarkupMultiline;
}

export interface OscalLink {
  readonly href: string;
  readonly rel?: string;
  readonly 'media-type'?: string;
  readonly text?: MarkupLine;
}

export interface OscalHash {
  readonly algorithm: 'SHA-256';
  readonly value: string;
}

export interface OscalResource {
  readonly uuid: string;
  readonly title?: MarkupLine;
  readonly description?: MarkupMultiline;
  readonly props?: readonly OscalProperty[];
  readonly citation?: { readonly text: MarkupLine; readonly links?: readonly OscalLink[] };
  readonly rlinks?: readonly { readonly href: string; readonly hashes?: readonly OscalHash[] }[];
  readonly remarks?: MarkupMultiline;
}

export interface OscalBackMatter {
  readonly resources?: readonly OscalResource[];
}

export interface OscalRole {
  readonly id: string;
  readonly title: MarkupLine;
}

export interface OscalParty {
  readonly uuid: string;
  readonly type: 'person' | 'organization';
  readonly name: string;
  readonly remarks?: MarkupMultiline;
}

export interface OscalMetadata {
  readonly title: MarkupLine;
  readonly 'last-modified': string;
  readonly version: string;
  readonly 'oscal-version': string;
  readonly props?: readonly OscalProperty[];
  readonly links?: readonly OscalLink[];
  readonly roles?: readonly OscalRole[];
  readonly parties?: readonly OscalParty[];
  readonly 'responsible-parties'?: readonly {
    readonly 'role-id': string;
    readonly 'party-uuids': readonly string[];
    readonly remarks?: MarkupMultiline;
  }[];
  readonly remarks?: MarkupMultiline;
}

// ---- catalog ---------------------------------------------------------------------------------

export interface OscalPart {
  readonly id?: string;
  readonly name: string;
  readonly ns?: string;
  readonly title?: MarkupLine;
  readonly props?: readonly OscalProperty[];
  readonly prose?: MarkupMultiline;
  readonly parts?: readonly OscalPart[];
}

export interface OscalControl {
  readonly id: string;
  readonly class?: string;
  readonly title: MarkupLine;
  readonly props?: readonly OscalProperty[];
  readonly links?: readonly OscalLink[];
  readonly parts?: readonly OscalPart[];
}

/** OSCAL lets a group hold controls or sub-groups, not both; iotassure's groups hold controls. */
export interface OscalGroup {
  readonly id: string;
  readonly class?: string;
  readonly title: MarkupLine;
  readonly props?: readonly OscalProperty[];
  readonly parts?: readonly OscalPart[];
  readonly controls?: readonly OscalControl[];
}

export interface OscalCatalog {
  readonly uuid: string;
  readonly metadata: OscalMetadata;
  readonly groups?: readonly OscalGroup[];
  readonly controls?: readonly OscalControl[];
  readonly 'back-matter'?: OscalBackMatter;
}

export interface OscalCatalogDocument {
  readonly catalog: OscalCatalog;
}

// ---- mapping-collection --------------------------------------------------------------------

/** OSCAL's relationship values in its own namespace (NIST IR 8477 set theory). */
export type OscalRelationship =
  | 'equivalent-to'
  | 'equal-to'
  | 'subset-of'
  | 'superset-of'
  | 'intersects-with'
  | 'no-relationship';

export type MatchingRationale = 'syntactic' | 'semantic' | 'functional';

export interface OscalMappingItem {
  readonly type: 'control' | 'statement';
  readonly 'id-ref': string;
}

/**
 * One map entry. A relationship outside OSCAL's namespace (iotassure's `unspecified`) must carry
 * `ns`, so the two cases are separate types.
 */
export type OscalMap = {
  readonly uuid: string;
  readonly 'matching-rationale'?: MatchingRationale;
  readonly sources: readonly OscalMappingItem[];
  readonly targets: readonly OscalMappingItem[];
  readonly props?: readonly OscalProperty[];
  readonly remarks?: MarkupMultiline;
} & (
  | { readonly relationship: OscalRelationship; readonly ns?: never }
  | { readonly relationship: string; readonly ns: string }
);

export interface OscalGapSummary {
  readonly uuid: string;
  readonly 'unmapped-controls': readonly { readonly 'with-ids': readonly string[] }[];
}

export interface OscalMapping {
  readonly uuid: string;
  readonly 'source-resource': { readonly type: 'catalog'; readonly href: string };
  readonly 'target-resource': { readonly type: 'catalog'; readonly href: string };
  readonly maps: readonly OscalMap[];
  readonly 'source-gap-summary'?: OscalGapSummary;
  readonly 'target-gap-summary'?: OscalGapSummary;
  readonly remarks?: MarkupMultiline;
}

export interface OscalMappingCollection {
  readonly uuid: string;
  readonly metadata: OscalMetadata;
  readonly provenance: {
    readonly method: 'human' | 'automation' | 'hybrid';
    readonly 'matching-rationale': MatchingRationale;
    readonly status: 'complete' | 'not-complete' | 'draft' | 'deprecated' | 'superseded';
    readonly 'mapping-description': MarkupMultiline;
    readonly props?: readonly OscalProperty[];
    readonly links?: readonly OscalLink[];
    readonly remarks?: MarkupMultiline;
  };
  readonly mappings: readonly OscalMapping[];
  readonly 'back-matter'?: OscalBackMatter;
}

export interface OscalMappingDocument {
  readonly 'mapping-collection': OscalMappingCollection;
}

// ---- assessment-results ----------------------------------------------------------------------

export type ObjectiveState = 'satisfied' | 'not-satisfied';
export type ObjectiveReason = 'pass' | 'fail' | 'other';
export type ImplementationState = 'implemented' | 'partial' | 'planned' | 'alternative' | 'not-applicable';

export interface OscalObservation {
  readonly uuid: string;
  readonly title?: MarkupLine;
  readonly description: MarkupMultiline;
  readonly props?: readonly OscalProperty[];
  readonly methods: readonly ('EXAMINE' | 'INTERVIEW' | 'TEST' | 'UNKNOWN')[];
  readonly 'relevant-evidence'?: readonly {
    readonly href?: string;
    readonly description: MarkupMultiline;
    readonly props?: readonly OscalProperty[];
  }[];
  readonly collected: string;
  readonly remarks?: MarkupMultiline;
}

export interface OscalFindingTarget {
  readonly type: 'statement-id' | 'objective-id';
  readonly 'target-id': string;
  readonly title?: MarkupLine;
  readonly description?: MarkupMultiline;
  readonly props?: readonly OscalProperty[];
  readonly status: {
    readonly state: ObjectiveState;
    readonly reason?: ObjectiveReason;
    readonly remarks?: MarkupMultiline;
  };
  readonly 'implementation-status'?: { readonly state: ImplementationState };
  readonly remarks?: MarkupMultiline;
}

export interface OscalFinding {
  readonly uuid: string;
  readonly title: MarkupLine;
  readonly description: MarkupMultiline;
  readonly props?: readonly OscalProperty[];
  readonly target: OscalFindingTarget;
  readonly 'related-observations'?: readonly { readonly 'observation-uuid': string }[];
  readonly remarks?: MarkupMultiline;
}

export interface OscalControlSelection {
  readonly description?: MarkupMultiline;
  readonly 'include-controls': readonly { readonly 'control-id': string }[];
}

export interface OscalResult {
  readonly uuid: string;
  readonly title: MarkupLine;
  readonly description: MarkupMultiline;
  readonly start: string;
  readonly end?: string;
  readonly props?: readonly OscalProperty[];
  readonly 'reviewed-controls': { readonly 'control-selections': readonly OscalControlSelection[] };
  readonly observations?: readonly OscalObservation[];
  readonly findings?: readonly OscalFinding[];
  readonly remarks?: MarkupMultiline;
}

export interface OscalAssessmentResults {
  readonly uuid: string;
  readonly metadata: OscalMetadata;
  readonly 'import-ap': { readonly href: string; readonly remarks?: MarkupMultiline };
  readonly results: readonly OscalResult[];
  readonly 'back-matter'?: OscalBackMatter;
}

export interface OscalAssessmentResultsDocument {
  readonly 'assessment-results': OscalAssessmentResults;
}
