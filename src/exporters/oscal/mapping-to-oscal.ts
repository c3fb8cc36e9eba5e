/**
 * A mapping set (the CF 1.1 → CoP cross-reference) as an OSCAL 1.2 `mapping-collection`: one map
 * entry per link, in the data's order, each with the relationship the source states — and no other.
 *
 * OSCAL's relationship values (its own namespace) are NIST IR 8477's set-theory relationships.
 * iotassure's `unspecified` (a crosswalk that states no relationship, as the IoTSF application note
 * does for every row) has no OSCAL value, and choosing one would claim what the source does not say.
 * It is written as the value `unspecified` in iotassure's namespace, which OSCAL allows for
 * relationships a model does not define (the map's `ns`). docs/oscal.md explains each choice.
 */
import type {
  Framework,
  MappingLink,
  MappingSet,
  Rationale,
  Relationship,
} from '../../core/catalog/catalog-types.js';
import { frameworkToOscal, itemTitle } from './catalog-to-oscal.js';
import {
  type ExportOptions,
  generatorProp,
  IOTASSURE_NS,
  nonEmpty,
  noteParagraphs,
  OSCAL_VERSION,
  prop,
  publisherParty,
  SOURCE_PUBLISHER_ROLE,
  sourceDocumentResource,
} from './oscal-common.js';
import { controlId } from './oscal-ids.js';
import { markupLine, markupMultiline, plainString } from './oscal-text.js';
import type {
  MatchingRationale,
  OscalMap,
  OscalMappingCollection,
  OscalMappingDocument,
  OscalRelationship,
  OscalResource,
} from './oscal-types.js';
import { uuidOfContent, uuidV5 } from './oscal-uuid.js';

/**
 * Each iotassure relationship as OSCAL writes it. NIST IR 8477's `equal` is OSCAL's `equal-to`; the
 * others share their names. `unspecified` stays unspecified, in iotassure's namespace.
 */
export const OSCAL_RELATIONSHIP: Record<
  Relationship,
  { readonly relationship: OscalRelationship } | { readonly relationship: 'unspecified'; readonly ns: string }
> = {
  equal: { relationship: 'equal-to' },
  'subset-of': { relationship: 'subset-of' },
  'superset-of': { relationship: 'superset-of' },
  'intersects-with': { relationship: 'intersects-with' },
  'no-relationship': { relationship: 'no-relationship' },
  unspecified: { relationship: 'unspecified', ns: IOTASSURE_NS },
};

/**
 * OSCAL requires one matching rationale for the whole collection (its provenance). When every link
 * states the same rationale, that is it. Otherwise — the IoTSF note states none — iotassure records
 * `functional`, the way it uses every link (a requirement's status counts towards the outcome of the
 * guidelines it maps to), and the provenance remarks say that the source itself states none.
 */
export function collectionRationale(links: readonly MappingLink[]): {
  readonly rationale: MatchingRationale;
  readonly stated: boolean;
} {
  const stated = new Set<Rationale | null>(links.map((l) => l.rationale));
  const [only] = stated;
  if (stated.size === 1 && only !== null && only !== undefined) return { rationale: only, stated: true };
  return { rationale: 'functional', stated: false };
}

function mapOf(set: MappingSet, link: MappingLink, index: number): OscalMap {
  const p = link.provenance;
  const relationship = OSCAL_RELATIONSHIP[link.relationship];
  const remarks = [
    p.text === null ? null : `The source's text at this row: ${p.text}`,
    ...noteParagraphs(p.notes),
  ].filter((x): x is string => x !== null);
  return {
    // Per subject, so an entry keeps its UUID across revisions: the link and where the source gives it.
    uuid: uuidV5(`map:${set.id}:${link.source}:${link.target}:${p.row ?? `#${index}`}`),
    ...relationship,
    'matching-rationale': link.rationale ?? undefined,
    sources: [{ type: 'control', 'id-ref': controlId(set.sourceFramework, link.source) }],
    targets: [{ type: 'control', 'id-ref': controlId(set.targetFramework, link.target) }],
    props: nonEmpty([
      prop('source-document', p.document),
      prop('source-table', p.table),
      prop('source-row', p.row),
      prop('source-line', p.line),
      prop('strength', link.strength),
    ]),
    remarks: remarks.length > 0 ? markupMultiline(...remarks) : undefined,
  };
}

/** A back-matter resource standing for the OSCAL catalog of a framework, which the mapping's href points at. */
function catalogResource(framework: Framework, catalogUuid: string, options: ExportOptions): OscalResource {
  return {
    uuid: uuidV5(`resource:oscal-catalog:${framework.id}`),
    title: markupLine(`OSCAL catalog: ${framework.title} (${framework.version})`),
    props: nonEmpty([prop('catalog-uuid', catalogUuid), prop('framework-id', framework.id)]),
    remarks: markupMultiline(
      `Written by \`${options.tool.name} catalog export --format oscal --framework ${framework.id}\`; controls are named as there.`,
    ),
  };
}

export class MappingExportError extends Error {
  override name = 'MappingExportError';
}

/**
 * The mapping set as an OSCAL mapping-collection. `source` and `target` are the frameworks it links
 * (the catalog's, by the set's own ids). Its UUID is derived from the content, like a catalog's.
 */
export function mappingSetToOscal(
  set: MappingSet,
  source: Framework,
  target: Framework,
  options: ExportOptions,
): OscalMappingDocument {
  if (source.id !== set.sourceFramework || target.id !== set.targetFramework) {
    throw new MappingExportError(
      `mapping set ${set.id} links ${set.sourceFramework} to ${set.targetFramework}, not ${source.id} to ${target.id}`,
    );
  }
  const sourceCatalog = catalogResource(source, frameworkToOscal(source, options).catalog.uuid, options);
  const targetCatalog = catalogResource(target, frameworkToOscal(target, options).catalog.uuid, options);
  const document = sourceDocumentResource(`mapping-set:${set.id}`, {
    title: set.source.title,
    url: set.source.url,
    publisher: set.source.publisher,
    date: set.source.date,
  });
  const publisher = publisherParty(set.source.publisher);
  const { rationale, stated } = collectionRationale(set.links);

  const linkedSources = new Set(set.links.map((l) => l.source));
  const linkedTargets = new Set(set.links.map((l) => l.target));
  const unmappedSources = source.items.filter((i) => !linkedSources.has(i.id));
  const unmappedTargets = target.items.filter((i) => !linkedTargets.has(i.id));
  const gap = (kind: string, framework: Framework, items: typeof source.items) =>
    items.length === 0
      ? undefined
      : {
          uuid: uuidV5(`gap-summary:${set.id}:${kind}`),
          'unmapped-controls': [{ 'with-ids': items.map((i) => controlId(framework.id, i.id)) }],
        };
  const unmappedRemarks = set.unmappedTargets.map((u) => {
    const item = target.items.find((i) => i.id === u.target);
    const where = [u.provenance.table, u.provenance.row === null ? null : `row ${u.provenance.row}`]
      .filter((x) => x !== null)
      .join(' ');
    return `${item ? itemTitle(target, item) : u.target} (${target.itemLabel} ${u.target}) is mapped to no ${source.itemLabel}; the source says: "${u.note}"${where ? ` (${where})` : ''}.`;
  });

  const collection: Omit<OscalMappingCollection, 'uuid'> = {
    metadata: {
      title: markupLine(set.title),
      'last-modified': options.lastModified,
      version: plainString(set.source.date) ?? set.source.date,
      'oscal-version': OSCAL_VERSION,
      props: nonEmpty([prop('mapping-set-id', set.id), generatorProp(options)]),
      links: [{ href: `#${document.uuid}`, rel: 'reference', text: markupLine('Source document') }],
      roles: [SOURCE_PUBLISHER_ROLE],
      parties: [publisher],
      'responsible-parties': [{ 'role-id': SOURCE_PUBLISHER_ROLE.id, 'party-uuids': [publisher.uuid] }],
      remarks: markupMultiline(
        `Generated by ${options.tool.name} from its catalog data (mapping set ${set.id}); not published by ${set.source.publisher}.`,
      ),
    },
    provenance: {
      method: 'human',
      'matching-rationale': rationale,
      status: 'complete',
      'mapping-description': markupMultiline(set.title),
      remarks: markupMultiline(
        ...noteParagraphs(set.notes),
        stated
          ? `Every link states the matching rationale ${rationale}.`
          : `The source states no matching rationale for its links. OSCAL requires one for the collection, so ${options.tool.name} records "functional", the way it uses every link: a ${source.itemLabel}'s status counts towards the outcome of the ${target.itemLabel}s it maps to. A map entry carries a matching rationale only where the source states one.`,
        set.links.some((l) => l.relationship === 'unspecified')
          ? `Relationship "unspecified" (namespace ${IOTASSURE_NS}) means that the source states a link but not which set-theory relationship it is; OSCAL defines no value for that, and ${options.tool.name} does not guess one.`
          : '',
      ),
    },
    mappings: [
      {
        uuid: uuidV5(`mapping:${set.id}`),
        'source-resource': { type: 'catalog', href: `#${sourceCatalog.uuid}` },
        'target-resource': { type: 'catalog', href: `#${targetCatalog.uuid}` },
        maps: set.links.map((link, i) => mapOf(set, link, i)),
        'source-gap-summary': gap('source', source, unmappedSources),
        'target-gap-summary': gap('target', target, unmappedTargets),
        remarks: unmappedRemarks.length > 0 ? markupMultiline(...unmappedRemarks) : undefined,
      },
    ],
    'back-matter': { resources: [sourceCatalog, targetCatalog, document] },
  };
  const { 'last-modified': _time, ...timeless } = collection.metadata;
  const uuid = uuidOfContent('mapping-collection', { ...collection, metadata: timeless });
  return { 'mapping-collection': { uuid, ...collection } };
}
