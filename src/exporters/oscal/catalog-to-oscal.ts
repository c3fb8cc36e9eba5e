/**
 * A framework of the catalog (CF 1.1, the CoP) as an OSCAL catalog. Groups become OSCAL groups and
 * items become controls whose `statement` part is the item's text exactly as the data holds it;
 * nothing is added to the source's words. Printed numbers, stakeholders and top priority are
 * properties; alternative titles, variant texts, notes and source defects are parts, so they stay
 * visible to anyone reading the catalog. docs/oscal.md lists every field.
 */
import { displayNumber } from '../../core/catalog/catalog.js';
import type { Framework, Group, Item } from '../../core/catalog/catalog-types.js';
import {
  type ExportOptions,
  generatorProp,
  IOTASSURE_NS,
  nonEmpty,
  noteParagraphs,
  notePart,
  OSCAL_VERSION,
  prop,
  publisherParty,
  SOURCE_PUBLISHER_ROLE,
  sourceDocumentResource,
} from './oscal-common.js';
import { controlId, groupId, IdRegistry, statementId, toToken } from './oscal-ids.js';
import { markupLine, markupMultiline, plainString } from './oscal-text.js';
import type {
  OscalCatalog,
  OscalCatalogDocument,
  OscalControl,
  OscalGroup,
  OscalPart,
} from './oscal-types.js';
import { uuidOfContent } from './oscal-uuid.js';

/** "Requirement 2.4.3.5": the title of an item the source gives no title (CF requirements). */
export function itemTitle(framework: Pick<Framework, 'itemLabel'>, item: Item): string {
  if (item.title) return item.title;
  const label = framework.itemLabel.charAt(0).toUpperCase() + framework.itemLabel.slice(1);
  return `${label} ${displayNumber(item)}`;
}

function controlOf(framework: Framework, item: Item, ids: IdRegistry): OscalControl {
  const id = ids.claim(controlId(framework.id, item.id), `${framework.itemLabel} ${item.id}`);
  const parts: OscalPart[] = [
    {
      id: ids.claim(statementId(framework.id, item.id), `the statement of ${framework.itemLabel} ${item.id}`),
      name: 'statement',
      // No prose when the source gives no text (CF 2.4.8.13): its defect note says so.
      prose: item.text === null ? undefined : markupMultiline(item.text),
    },
    ...item.altTitles.map(
      (t): OscalPart => ({
        name: 'alternative-title',
        ns: IOTASSURE_NS,
        props: nonEmpty([prop('source', t.source)]),
        prose: markupMultiline(t.title),
      }),
    ),
    ...item.variants.map(
      (v): OscalPart => ({
        name: 'text-variant',
        ns: IOTASSURE_NS,
        props: nonEmpty([prop('source', v.source)]),
        prose: markupMultiline(v.text),
      }),
    ),
    ...item.notes.map(notePart),
  ];
  return {
    id,
    class: toToken(framework.itemLabel),
    title: markupLine(itemTitle(framework, item)),
    props: nonEmpty([
      prop('label', item.number, 'oscal'),
      item.id === item.number ? null : prop('iotassure-id', item.id),
      ...item.stakeholders.map((s) => prop('stakeholder', s)),
      prop('priority', item.priority),
    ]),
    parts,
  };
}

function groupOf(
  framework: Framework,
  group: Group,
  controls: readonly OscalControl[],
  ids: IdRegistry,
): OscalGroup {
  return {
    id: ids.claim(groupId(framework.id, group.id), `group ${group.id}`),
    title: markupLine(group.title),
    props: nonEmpty([
      prop('label', group.number, 'oscal'),
      group.parent === null ? null : prop('parent-group', groupId(framework.id, group.parent)),
    ]),
    parts: nonEmpty(group.notes.map(notePart)),
    controls: nonEmpty([...controls]),
  };
}

/**
 * The OSCAL catalog of one framework. Its UUID is derived from the content (without the
 * `last-modified` time), so exporting unchanged data gives the same UUID on every run and machine.
 */
export function frameworkToOscal(framework: Framework, options: ExportOptions): OscalCatalogDocument {
  const ids = new IdRegistry();
  const knownGroups = new Set(framework.groups.map((g) => g.id));
  const byGroup = new Map<string | null, OscalControl[]>();
  for (const item of framework.items) {
    const key = item.group !== null && knownGroups.has(item.group) ? item.group : null;
    const list = byGroup.get(key) ?? [];
    list.push(controlOf(framework, item, ids));
    byGroup.set(key, list);
  }
  // Groups are flat, each with a parent-group property when the data nests them: OSCAL groups hold
  // either controls or groups, and a flat list keeps every group's controls where the data puts them.
  const groups = framework.groups.map((g) => groupOf(framework, g, byGroup.get(g.id) ?? [], ids));
  const source = sourceDocumentResource(`framework:${framework.id}`, {
    title: framework.source.title,
    url: framework.source.url,
    publisher: framework.publisher,
    date: framework.publicationDate,
    licence: framework.licence,
  });
  const publisher = publisherParty(framework.publisher);
  const catalog: Omit<OscalCatalog, 'uuid'> = {
    metadata: {
      title: markupLine(framework.title),
      'last-modified': options.lastModified,
      version: plainString(framework.version) ?? framework.version,
      'oscal-version': OSCAL_VERSION,
      props: nonEmpty([
        prop('framework-id', framework.id),
        prop('short-title', framework.shortTitle),
        prop('publication-date', framework.publicationDate),
        generatorProp(options),
      ]),
      links: [{ href: `#${source.uuid}`, rel: 'reference', text: markupLine('Source document') }],
      roles: [SOURCE_PUBLISHER_ROLE],
      parties: [publisher],
      'responsible-parties': [{ 'role-id': SOURCE_PUBLISHER_ROLE.id, 'party-uuids': [publisher.uuid] }],
      remarks: markupMultiline(
        `Generated by ${options.tool.name} from its catalog data (framework ${framework.id}); not published by ${framework.publisher}.`,
        `Licence: ${framework.licence}`,
        ...noteParagraphs(framework.notes),
      ),
    },
    groups: nonEmpty(groups),
    controls: nonEmpty(byGroup.get(null) ?? []),
    'back-matter': { resources: [source] },
  };
  const { 'last-modified': _time, ...timeless } = catalog.metadata;
  const uuid = uuidOfContent('catalog', { ...catalog, metadata: timeless });
  return { catalog: { uuid, ...catalog } };
}
