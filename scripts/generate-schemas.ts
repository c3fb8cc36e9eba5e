/**
 * Writes the published JSON Schemas (schemas/*.schema.json) from the same zod schemas that
 * validate files at load, so the two can never disagree. The assessment schema also lists every
 * requirement id and profile question of the bundled catalog, so editors can autocomplete them.
 *
 *   npx tsx scripts/generate-schemas.ts           # write
 *   npx tsx scripts/generate-schemas.ts --check   # exit 1 if a committed schema is out of date
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { contextLoader } from '../src/catalog-files/context-loader.js';
import { assessmentFileSchema } from '../src/schema/assessment-file-schema.js';
import { frameworkFileSchema, mappingFileSchema } from '../src/schema/framework-file-schema.js';
import { applicabilityFileSchema, factsFileSchema } from '../src/schema/profile-file-schema.js';
import { writeOrCheck } from './generated-file.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BASE = 'https://iotassure.invalid/schemas/';

type JsonObject = Record<string, unknown>;

function toSchema(schema: z.ZodType, name: string): JsonObject {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonObject;
  return { $id: `${BASE}${name}`, ...json };
}

function assessmentSchema(): JsonObject {
  const json = toSchema(assessmentFileSchema, 'assessment.schema.json');
  const ctx = contextLoader().contextFor(undefined);
  const props = json.properties as Record<string, JsonObject>;
  // Known ids get a description (the requirement text) for editor hovers; other keys stay allowed
  // by the schema, and `iotassure validate` reports them with the nearest known id.
  const defs: JsonObject = {};
  const describe = (section: string, defName: string, entries: [string, string][]) => {
    const prop = props[section] as JsonObject;
    defs[defName] = prop.additionalProperties;
    const ref = { $ref: `#/$defs/${defName}` };
    prop.additionalProperties = ref;
    prop.properties = Object.fromEntries(entries.map(([key, description]) => [key, { ...ref, description }]));
  };
  describe(
    'requirements',
    'requirementRecord',
    ctx.source.items.map((i) => [
      i.id,
      `${i.number ?? '(no number)'}: ${i.text ?? '(no text in the source)'}`,
    ]),
  );
  describe(
    'profile',
    'profileAnswer',
    ctx.facts.facts.map((f) => [f.id, `${f.question} ${f.help}`]),
  );
  const unmapped = ctx.target.items.filter((t) => (ctx.sourcesOf.get(t.id)?.length ?? 0) === 0);
  // Attestation records have the same shape as requirement records.
  const attestations = props.attestations as JsonObject;
  attestations.additionalProperties = { $ref: '#/$defs/requirementRecord' };
  attestations.properties = Object.fromEntries(
    unmapped.map((t) => [t.id, { $ref: '#/$defs/requirementRecord', description: `${t.id}: ${t.title}` }]),
  );
  json.$defs = { ...(json.$defs as JsonObject | undefined), ...defs };
  return json;
}

const outputs: [string, JsonObject][] = [
  ['framework.schema.json', toSchema(frameworkFileSchema, 'framework.schema.json')],
  ['mapping-set.schema.json', toSchema(mappingFileSchema, 'mapping-set.schema.json')],
  ['facts.schema.json', toSchema(factsFileSchema, 'facts.schema.json')],
  ['applicability.schema.json', toSchema(applicabilityFileSchema, 'applicability.schema.json')],
  ['assessment.schema.json', assessmentSchema()],
];

const check = process.argv.includes('--check');
let stale = 0;
for (const [name, schema] of outputs) {
  const path = join(ROOT, 'schemas', name);
  const text = `${JSON.stringify(schema, null, 2)}\n`;
  if (!writeOrCheck(path, text, check)) {
    stale += 1;
    console.error(`schemas/${name} is out of date; run: npx tsx scripts/generate-schemas.ts`);
  }
}
process.exitCode = stale ? 1 : 0;
