/**
 * Validation against the official OSCAL complete JSON Schema (draft-07), with ajv. The schema is not
 * shipped with iotassure; the project keeps a copy beside the repository, at
 * `<repository>/../shared/data/oscal/oscal_complete_schema-1.2.2.json` (CI clones the repository to
 * X/main with the shared folder at X/shared), or wherever IOTASSURE_OSCAL_SCHEMA points.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { packageRoot } from '../../package-root.js';
import { OSCAL_VERSION } from './oscal-common.js';

/** The schema file: IOTASSURE_OSCAL_SCHEMA when set, else the shared copy beside the repository. */
export function oscalSchemaPath(env: NodeJS.ProcessEnv = process.env): string {
  return (
    env.IOTASSURE_OSCAL_SCHEMA ||
    join(dirname(packageRoot()), 'shared', 'data', 'oscal', `oscal_complete_schema-${OSCAL_VERSION}.json`)
  );
}

export function oscalSchemaAvailable(path: string = oscalSchemaPath()): boolean {
  return existsSync(path);
}

// ajv-formats is CommonJS: under Node its default import is the plugin itself, under some bundlers
// the module object holding it as `default`.
type FormatsPlugin = (ajv: Ajv) => Ajv;
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  (addFormatsModule as unknown as FormatsPlugin);

/** Every problem as "instance path: message", or an empty list when the document is valid. */
export type OscalValidator = (document: unknown) => string[];

/**
 * Compiles the schema once (about a second) and returns a validator. `allErrors` so that one run
 * shows every problem; `strict: false` because the schema uses keywords ajv's strict mode rejects.
 */
export function compileOscalValidator(path: string = oscalSchemaPath()): OscalValidator {
  const schema = JSON.parse(readFileSync(path, 'utf8')) as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate: ValidateFunction = ajv.compile(schema);
  return (document) =>
    validate(document)
      ? []
      : (validate.errors ?? []).map(
          (e: ErrorObject) => `${e.instancePath || '/'}: ${e.message ?? e.keyword}`,
        );
}
