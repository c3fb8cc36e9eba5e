import type { Condition } from '../../core/applicability/condition.js';
import { factsOf } from '../../core/applicability/condition.js';
import { type AssessmentContext, DEFAULT_MAPPING_SET } from '../../core/assessment/assessment-context.js';
import type { Catalog } from '../../core/catalog/catalog.js';
import { displayNumber } from '../../core/catalog/catalog.js';
import type { Item } from '../../core/catalog/catalog-types.js';
import { nearest } from '../../diagnostics/nearest.js';
import { frameworkToOscal } from '../../exporters/oscal/catalog-to-oscal.js';
import { exportTimestamp } from '../../exporters/oscal/export-time.js';
import { mappingSetToOscal } from '../../exporters/oscal/mapping-to-oscal.js';
import { OscalIdCollision } from '../../exporters/oscal/oscal-ids.js';
import type { OscalCatalogDocument, OscalMappingDocument } from '../../exporters/oscal/oscal-types.js';
import { DOCUMENT_TITLE, RELATIONSHIP_LABEL } from '../../renderers/labels.js';
import { wrapWords } from '../../wrap-words.js';
import { loader, withCatalog, writeOutput } from '../cli-io.js';
import { CliError, EXIT } from '../exit-codes.js';
import { toolInfo } from '../tool-info.js';

function ctx(): AssessmentContext {
  return withCatalog(() => loader.contextFor(undefined));
}

function wrap(text: string, indent: string, width = 100): string {
  return wrapWords(text, width, indent.length)
    .map((l) => indent + l)
    .join('\n');
}

function describeCondition(c: Condition): string {
  if ('fact' in c) return c.fact;
  if ('not' in c) return `not ${describeCondition(c.not)}`;
  const parts = ('all' in c ? c.all : c.any).map(describeCondition);
  return `(${parts.join('all' in c ? ' and ' : ' or ')})`;
}

export function catalogOverview(): number {
  const c = ctx();
  const out: string[] = [
    `${c.target.title} (${c.target.version}) — ${c.target.items.length} ${c.target.itemLabel}s`,
    `mapped from ${c.source.shortTitle} by ${c.mapping.id}`,
    '',
  ];
  for (const g of c.target.items) {
    const n = c.sourcesOf.get(g.id)?.length ?? 0;
    const top = g.priority === 'top' ? ' [top priority]' : '';
    out.push(`${displayNumber(g).padStart(3)}  ${g.title ?? ''}${top}`);
    out.push(
      `     ${n === 0 ? `no CF requirement: ${c.unmappedTargets.get(g.id)?.note ?? 'none mapped'}` : `${n} CF requirements`} · applies primarily to ${g.stakeholders.join(', ')}`,
    );
  }
  out.push(
    '',
    `${c.source.items.length} requirements in ${c.source.shortTitle}; \`iotassure catalog requirements\` lists them.`,
  );
  writeOutput(`${out.join('\n')}\n`, undefined);
  return EXIT.ok;
}

export function catalogRequirements(options: { guideline?: string; section?: string }): number {
  const c = ctx();
  let items: readonly Item[] = c.source.items;
  if (options.guideline !== undefined) {
    if (!c.targetById.has(options.guideline))
      throw new CliError(
        `no guideline "${options.guideline}"; use 1 to ${c.target.items.length}`,
        EXIT.usage,
      );
    const ids = new Set(c.sourcesOf.get(options.guideline) ?? []);
    items = items.filter((i) => ids.has(i.id));
  }
  if (options.section !== undefined) {
    if (!c.source.groups.some((g) => g.id === options.section)) {
      throw new CliError(
        `no section "${options.section}"; sections: ${c.source.groups.map((g) => g.id).join(', ')}`,
        EXIT.usage,
      );
    }
    items = items.filter((i) => i.group === options.section);
  }
  const out = items.map((i) => {
    const gl = (c.targetsOf.get(i.id) ?? []).join(',');
    const cond = c.ruleOf.has(i.id) ? ' [conditional]' : '';
    const flag = i.notes.some((n) => n.kind === 'defect') ? ' [source defect: see `catalog show`]' : '';
    return `${i.id.padEnd(12)} → ${gl.padEnd(8)} ${i.text ?? '(no text in the source)'}${cond}${flag}`;
  });
  out.push(`${items.length} requirement${items.length === 1 ? '' : 's'}`);
  writeOutput(`${out.join('\n')}\n`, undefined);
  return EXIT.ok;
}

export function catalogShow(id: string): number {
  const c = ctx();
  const out: string[] = [];
  const target = c.targetById.get(id);
  const sourceIds = c.sourceById.has(id) ? [id] : (c.sourceIdsByNumber.get(id) ?? []);
  if (target) {
    out.push(
      `${c.target.shortTitle}, ${c.target.itemLabel} ${displayNumber(target)}: ${target.title ?? ''}${target.priority === 'top' ? '  [top priority]' : ''}`,
    );
    if (target.text) out.push('', wrap(target.text, '  '));
    out.push('', `Primarily applies to: ${target.stakeholders.join(', ') || '—'}`);
    for (const t of target.altTitles) out.push(`Also titled (${t.source}): "${t.title}"`);
    for (const n of target.notes)
      out.push(wrap(`${n.kind === 'defect' ? 'SOURCE DEFECT' : 'Note'}: ${n.text}`, '  '));
    const reqs = c.sourcesOf.get(target.id) ?? [];
    out.push(
      '',
      `Mapped ${c.source.itemLabel}s (${reqs.length}, relationship as stated by ${c.mapping.id}):`,
    );
    for (const r of reqs) {
      const item = c.sourceById.get(r);
      out.push(`  ${r.padEnd(12)} ${item?.text ?? '(no text in the source)'}`);
    }
    const unmapped = c.unmappedTargets.get(target.id);
    if (unmapped)
      out.push(
        `  none — the source says: "${unmapped.note}" (${unmapped.provenance.table} row ${unmapped.provenance.row})`,
      );
  }
  for (const sid of sourceIds) {
    const item = c.sourceById.get(sid);
    if (!item) continue;
    if (out.length) out.push('');
    const group = c.source.groups.find((g) => g.id === item.group);
    out.push(
      `${c.source.shortTitle}, ${c.source.itemLabel} ${displayNumber(item)}${item.id !== item.number ? ` (id ${item.id})` : ''}`,
    );
    out.push(`Section: ${group ? `${group.id} ${group.title}` : 'unknown (the source gives no number)'}`);
    out.push('', wrap(item.text ?? '(the source gives no text for this requirement)', '  '));
    for (const v of item.variants) out.push('', wrap(`Variant text (${v.source}): ${v.text}`, '  '));
    for (const n of item.notes)
      out.push('', wrap(`${n.kind === 'defect' ? 'SOURCE DEFECT' : 'Note'}: ${n.text}`, '  '));
    const rule = c.ruleOf.get(sid);
    out.push(
      '',
      rule
        ? `Applies when: ${describeCondition(rule.when)} (${rule.basis}: "${rule.quote}")`
        : 'Applies to every product.',
    );
    if (rule) {
      for (const f of factsOf(rule.when)) {
        const fact = c.facts.facts.find((x) => x.id === f);
        if (fact) out.push(`  ${f}: ${fact.question}`);
      }
    }
    out.push('', `Mapped to ${c.target.itemLabel}s:`);
    for (const link of c.mapping.links.filter((l) => l.source === sid)) {
      const t = c.targetById.get(link.target);
      out.push(
        `  ${link.target.padStart(2)} ${t?.title ?? ''} — ${RELATIONSHIP_LABEL[link.relationship]} (${DOCUMENT_TITLE[link.provenance.document] ?? link.provenance.document}, ${link.provenance.table} row ${link.provenance.row})`,
      );
    }
  }
  if (out.length === 0) {
    const s = nearest(id, [...c.targetById.keys(), ...c.sourceById.keys()]);
    throw new CliError(
      `no guideline or requirement "${id}"${s.length ? `; did you mean ${s.join(', ')}?` : ''}`,
      EXIT.badInput,
    );
  }
  writeOutput(`${out.join('\n')}\n`, undefined);
  return EXIT.ok;
}

export function catalogSearch(words: readonly string[]): number {
  const c = ctx();
  const terms = words.join(' ').toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (text: string) => terms.every((t) => text.toLowerCase().includes(t));
  const out: string[] = [];
  for (const g of c.target.items) {
    if (matches(`${g.title ?? ''} ${g.text ?? ''} ${g.altTitles.map((a) => a.title).join(' ')}`))
      out.push(`guideline ${g.id.padEnd(10)} ${g.title}`);
  }
  for (const i of c.source.items) {
    if (matches(`${i.id} ${i.text ?? ''} ${i.variants.map((v) => v.text).join(' ')}`))
      out.push(`${i.id.padEnd(20)} ${i.text}`);
  }
  out.push(`${out.length} match${out.length === 1 ? '' : 'es'} for "${terms.join(' ')}"`);
  writeOutput(`${out.join('\n')}\n`, undefined);
  return out.length > 1 ? EXIT.ok : EXIT.failed;
}

export function catalogFacts(): number {
  const c = ctx();
  const out: string[] = [`${c.facts.title} — ${c.facts.facts.length} questions`, ''];
  for (const f of c.facts.facts) {
    const used = c.applicability?.rules.filter((r) => factsOf(r.when).includes(f.id)).length ?? 0;
    out.push(`${f.id}`);
    out.push(wrap(f.question, '  '));
    out.push(wrap(f.help, '    '));
    if (f.askWhen) out.push(`    asked only when: ${describeCondition(f.askWhen)}`);
    out.push(`    decides the applicability of ${used} requirement${used === 1 ? '' : 's'}`);
  }
  writeOutput(`${out.join('\n')}\n`, undefined);
  return EXIT.ok;
}

export interface CatalogExportOptions {
  readonly format: string;
  readonly output?: string;
  readonly framework?: string;
  /** `--mapping` alone is true (the default mapping set); `--mapping ID` names one. */
  readonly mapping?: string | true;
}

export function catalogExport(options: CatalogExportOptions): number {
  const catalog = withCatalog(() => loader.catalog());
  if (options.format === 'oscal') {
    writeOutput(`${JSON.stringify(oscalDocument(catalog, options), null, 2)}\n`, options.output);
    return EXIT.ok;
  }
  if (options.framework !== undefined || options.mapping !== undefined) {
    throw new CliError(
      '--framework and --mapping choose what --format oscal exports; --format json always exports the whole catalog',
      EXIT.usage,
    );
  }
  const value = {
    format: 'iotassure-catalog',
    formatVersion: 1,
    frameworks: [...catalog.frameworks.values()],
    mappingSets: [...catalog.mappingSets.values()],
    factSets: [...catalog.factSets.values()],
    applicabilitySets: [...catalog.applicabilitySets.values()],
  };
  writeOutput(`${JSON.stringify(value, null, 2)}\n`, options.output);
  return EXIT.ok;
}

/** One OSCAL document, as docs/oscal.md describes: a framework's catalog or a mapping-collection. */
function oscalDocument(
  catalog: Catalog,
  options: CatalogExportOptions,
): OscalCatalogDocument | OscalMappingDocument {
  const frameworks = [...catalog.frameworks.keys()].join(', ');
  const mappingSets = [...catalog.mappingSets.keys()].join(', ');
  if ((options.framework === undefined) === (options.mapping === undefined)) {
    throw new CliError(
      `--format oscal writes one document: give either --framework ID for an OSCAL catalog (${frameworks}) or --mapping [ID] for an OSCAL mapping-collection (${mappingSets})`,
      EXIT.usage,
    );
  }
  const lastModified = exportTimestamp(process.env.SOURCE_DATE_EPOCH);
  if (lastModified === null) {
    throw new CliError(
      `SOURCE_DATE_EPOCH="${process.env.SOURCE_DATE_EPOCH}" is not a time OSCAL can record: give whole seconds since 1970-01-01 UTC (up to the year 2999), or unset it to use the current time`,
      EXIT.usage,
    );
  }
  const exportOptions = { lastModified, tool: toolInfo() };
  try {
    if (options.framework !== undefined) {
      const framework = catalog.frameworks.get(options.framework);
      if (!framework)
        throw new CliError(`no framework "${options.framework}"; use one of: ${frameworks}`, EXIT.usage);
      return frameworkToOscal(framework, exportOptions);
    }
    const id =
      options.mapping === true || options.mapping === undefined ? DEFAULT_MAPPING_SET : options.mapping;
    const set = catalog.mappingSets.get(id);
    if (!set) throw new CliError(`no mapping set "${id}"; use one of: ${mappingSets}`, EXIT.usage);
    const source = catalog.frameworks.get(set.sourceFramework);
    const target = catalog.frameworks.get(set.targetFramework);
    if (!source || !target) {
      throw new CliError(
        `the catalog data is incomplete: mapping set "${id}" links ${set.sourceFramework} to ${set.targetFramework}, and the catalog lacks one of them`,
        EXIT.badInput,
      );
    }
    return mappingSetToOscal(set, source, target, exportOptions);
  } catch (error) {
    if (error instanceof OscalIdCollision) {
      throw new CliError(`the catalog data cannot be exported to OSCAL: ${error.message}`, EXIT.badInput);
    }
    throw error;
  }
}
