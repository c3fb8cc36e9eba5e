/** Pieces shared by the three OSCAL exports: versions, namespaces, properties, notes, source documents. */
import type { Note } from '../../core/catalog/catalog-types.js';
import { NOTE_KIND_LABEL } from '../../renderers/labels.js';
import { markupLine, markupMultiline, plainString, urlReference } from './oscal-text.js';
import type { OscalPart, OscalParty, OscalProperty, OscalResource } from './oscal-types.js';
import { uuidV5 } from './oscal-uuid.js';

/** The OSCAL release whose complete JSON Schema every export is tested against. */
export const OSCAL_VERSION = '1.2.2';

/**
 * The namespace of iotassure's own property names, part names and relationship values. `.invalid`
 * (RFC 2606) marks it as a name that resolves nowhere, the same base as the JSON Schemas' `$id`s.
 */
export const IOTASSURE_NS = 'https://iotassure.invalid/ns/oscal';

/**
 * What the exports are generated with and when; the time is OSCAL's `last-modified` ("the date and
 * time the document was last stored"). Optional fields left undefined are not written (JSON).
 */
export interface ExportOptions {
  readonly lastModified: string;
  readonly tool: { readonly name: string; readonly version: string };
}

/**
 * A property in iotassure's namespace (or OSCAL's, for names OSCAL defines such as `label`), or null
 * when the value is empty once made one line, so that callers can drop it.
 */
export function prop(
  name: string,
  value: string | number | boolean | null,
  ns: 'iotassure' | 'oscal' = 'iotassure',
): OscalProperty | null {
  if (value === null) return null;
  const text = plainString(String(value));
  if (text === null) return null;
  return ns === 'oscal' ? { name, value: text } : { name, value: text, ns: IOTASSURE_NS };
}

/** The list without nulls, or undefined when nothing is left (OSCAL arrays may not be empty). */
export function nonEmpty<T>(items: readonly (T | null | undefined)[]): readonly T[] | undefined {
  const kept = items.filter((x): x is T => x !== null && x !== undefined);
  return kept.length > 0 ? kept : undefined;
}

/** The tool that generated a document, as a metadata property. */
export function generatorProp(options: ExportOptions): OscalProperty | null {
  return prop('generator', `${options.tool.name} ${options.tool.version}`);
}

/** A catalog note as a part: `note`, or `source-defect` for a fault in the source kept on purpose. */
export function notePart(note: Note): OscalPart {
  return {
    name: note.kind === 'defect' ? 'source-defect' : 'note',
    ns: IOTASSURE_NS,
    prose: markupMultiline(note.text),
  };
}

/** Notes as remark paragraphs, each starting with what it is ("Source defect: …"). */
export function noteParagraphs(notes: readonly Note[]): string[] {
  return notes.map((n) => `${NOTE_KIND_LABEL[n.kind]}: ${n.text}`);
}

/** A source document (a standard, an application note) as a back-matter resource, with its licence. */
export function sourceDocumentResource(
  subject: string,
  source: {
    readonly title: string;
    readonly url?: string | null | undefined;
    readonly publisher?: string;
    readonly date?: string;
    readonly licence?: string;
  },
): OscalResource {
  const citation = [source.publisher, source.title, source.date].filter((x): x is string => !!x).join(', ');
  return {
    uuid: uuidV5(`resource:source-document:${subject}`),
    title: markupLine(source.title),
    props: nonEmpty([
      prop('publisher', source.publisher ?? null),
      prop('publication-date', source.date ?? null),
    ]),
    citation: { text: markupLine(citation) },
    rlinks: source.url ? [{ href: urlReference(source.url) }] : undefined,
    remarks: source.licence ? markupMultiline(`Licence: ${source.licence}`) : undefined,
  };
}

/** The publisher of a source document as an organisation with the role `source-publisher`. */
export function publisherParty(publisher: string): OscalParty {
  return {
    uuid: uuidV5(`party:organization:${publisher}`),
    type: 'organization',
    name: plainString(publisher) ?? publisher,
  };
}

export const SOURCE_PUBLISHER_ROLE = {
  id: 'source-publisher',
  title: markupLine('Publisher of the source document'),
} as const;

/** A timestamp OSCAL accepts for a calendar date (midnight UTC), or null for a year OSCAL's pattern refuses (before 1900, after 2999). */
export function dateAsTimestamp(date: string): string | null {
  return /^(19|2\d)\d\d-\d\d-\d\d$/.test(date) ? `${date}T00:00:00Z` : null;
}
