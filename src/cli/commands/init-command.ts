import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { skeletonToYaml } from '../../assessment-file/write-skeleton.js';
import { evaluateCondition } from '../../core/applicability/condition.js';
import type { Product } from '../../core/assessment/assessment-types.js';
import { buildSkeleton } from '../../core/assessment/skeleton.js';
import { STAKEHOLDERS, type Stakeholder } from '../../core/catalog/catalog-types.js';
import { nearest } from '../../diagnostics/nearest.js';
import { packageRoot } from '../../package-root.js';
import { assessmentFileSchema } from '../../schema/assessment-file-schema.js';
import { loader, withCatalog } from '../cli-io.js';
import { CliError, EXIT } from '../exit-codes.js';

export interface InitOptions {
  readonly output: string;
  readonly force: boolean;
  readonly name?: string;
  readonly model?: string;
  readonly productVersion?: string;
  readonly manufacturer?: string;
  readonly role?: string[];
  readonly answer?: string[];
  readonly interactive: boolean;
}

const YES = new Set(['yes', 'y', 'true']);
const NO = new Set(['no', 'n', 'false']);
const UNKNOWN = new Set(['unknown', 'null', '?']);

/** Parses `--answer wifi=yes,mqtt=no` (repeatable) into fact answers, checking every fact id. */
export function parseAnswers(values: readonly string[], factIds: readonly string[]): Map<string, boolean> {
  const answers = new Map<string, boolean>();
  for (const part of values.flatMap((v) => v.split(','))) {
    const item = part.trim();
    if (!item) continue;
    const [id = '', value = '', ...rest] = item.split('=');
    const v = value.trim().toLowerCase();
    if (!factIds.includes(id.trim())) {
      const s = nearest(id.trim(), factIds);
      throw new CliError(
        `--answer ${item}: no profile question "${id}"${s.length ? `; did you mean ${s.join(', ')}?` : ''} (see \`iotassure catalog facts\`)`,
        EXIT.usage,
      );
    }
    if (rest.length > 0 || !(YES.has(v) || NO.has(v) || UNKNOWN.has(v))) {
      throw new CliError(`--answer ${item}: write FACT=yes, FACT=no or FACT=unknown`, EXIT.usage);
    }
    const answer = UNKNOWN.has(v) ? undefined : YES.has(v);
    if (answers.has(id.trim()) && answers.get(id.trim()) !== answer) {
      throw new CliError(`--answer ${id.trim()} is given twice with different answers`, EXIT.usage);
    }
    if (answer !== undefined) answers.set(id.trim(), answer);
  }
  return answers;
}

function parseRoles(values: readonly string[] | undefined): Stakeholder[] {
  const roles: Stakeholder[] = [];
  for (const r of (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean)) {
    if (!(STAKEHOLDERS as readonly string[]).includes(r)) {
      throw new CliError(`--role ${r}: use ${STAKEHOLDERS.join(', ')}`, EXIT.usage);
    }
    if (!roles.includes(r as Stakeholder)) roles.push(r as Stakeholder);
  }
  return roles;
}

export async function initCommand(options: InitOptions): Promise<number> {
  const ctx = withCatalog(() => loader.contextFor(undefined));
  const output = resolve(options.output);
  if (existsSync(output) && !options.force) {
    throw new CliError(
      `${options.output} already exists; choose another file with -o, or use --force to overwrite it`,
      EXIT.badInput,
    );
  }
  const factIds = ctx.facts.facts.map((f) => f.id);
  const answers = parseAnswers(options.answer ?? [], factIds);
  let roles = parseRoles(options.role);
  let product: Product = {
    name: options.name?.trim() ?? '',
    model: options.model?.trim() || null,
    version: options.productVersion?.trim() || null,
    manufacturer: options.manufacturer?.trim() || null,
    description: null,
    roles,
  };
  const interactive = options.interactive && process.stdin.isTTY === true && process.stdout.isTTY === true;
  if (interactive) {
    const { input, select, checkbox } = await import('@inquirer/prompts');
    const text = async (message: string, current: string | null, required = false) =>
      (
        await input({
          message,
          default: current ?? undefined,
          validate: (v) =>
            required && !v.trim() ? 'required' : v.length > 200 ? 'at most 200 characters' : true,
        })
      ).trim() || null;
    product = {
      ...product,
      name: (await text('Product name', product.name || null, true)) ?? '',
      model: await text('Model (optional)', product.model),
      version: await text('Firmware / product version (optional)', product.version),
      manufacturer: await text('Manufacturer (optional)', product.manufacturer),
    };
    if (roles.length === 0) {
      roles = await checkbox({
        message: 'Which roles does your organisation play for this product?',
        choices: STAKEHOLDERS.map((s) => ({
          value: s,
          name: s.replaceAll('-', ' '),
          checked: s === 'device-manufacturers',
        })),
      });
      product = { ...product, roles };
    }
    process.stdout.write('\nProduct profile — answer what you know; "not sure" leaves the question open.\n');
    for (const fact of ctx.facts.facts) {
      if (answers.has(fact.id)) continue;
      if (fact.askWhen && evaluateCondition(fact.askWhen, answers) === false) continue;
      const choice = await select({
        message: fact.question,
        choices: [
          { value: 'yes', name: 'yes', description: fact.help },
          { value: 'no', name: 'no', description: fact.help },
          { value: 'unknown', name: 'not sure yet', description: fact.help },
        ],
        default: 'unknown',
      });
      if (choice !== 'unknown') answers.set(fact.id, choice === 'yes');
    }
  } else if (!product.name) {
    throw new CliError(
      '--name is required: init is not running interactively (no terminal, or --no-interactive), so it cannot ask for it',
      EXIT.usage,
    );
  }

  // What init writes must pass validate: check the product fields against the same schema.
  const checked = assessmentFileSchema.shape.product.safeParse({
    name: product.name,
    ...(product.model ? { model: product.model } : {}),
    ...(product.version ? { version: product.version } : {}),
    ...(product.manufacturer ? { manufacturer: product.manufacturer } : {}),
    roles: product.roles,
  });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const option = {
      name: '--name',
      model: '--model',
      version: '--product-version',
      manufacturer: '--manufacturer',
      roles: '--role',
    }[String(issue?.path[0]) as 'name'];
    throw new CliError(`${option ?? 'product'}: ${issue?.message ?? 'invalid value'}`, EXIT.usage);
  }
  const skeleton = buildSkeleton(ctx, product, answers);
  for (const [id, why] of skeleton.notAsked) {
    if (answers.get(id) === true) {
      process.stderr.write(
        `warning: --answer ${id}=yes is ignored: the question does not apply because ${why}\n`,
      );
    }
  }
  const schemaFile = join(packageRoot(), 'schemas', 'assessment.schema.json');
  // A relative path keeps the file portable inside a checkout; outside it, an absolute path is clearer.
  const rel = relative(dirname(output), schemaFile);
  const schemaPath =
    rel.startsWith('..') && !output.startsWith(resolve(schemaFile, '../..')) ? schemaFile : rel;
  try {
    writeFileSync(output, skeletonToYaml(ctx, skeleton, schemaPath), { flag: options.force ? 'w' : 'wx' });
  } catch (error) {
    throw new CliError(`cannot write ${options.output}: ${(error as Error).message}`, EXIT.badInput);
  }
  const na = skeleton.requirements.filter((r) => r.status === 'not-applicable').length;
  const unknown = skeleton.requirements.filter((r) => r.comment?.startsWith('applicability unknown')).length;
  process.stderr.write(
    `wrote ${options.output}: ${skeleton.requirements.length} requirements — ${na} not applicable from the profile, ` +
      `${skeleton.requirements.length - na} to assess${unknown ? ` (${unknown} depend${unknown === 1 ? 's' : ''} on unanswered profile questions)` : ''}.\n` +
      `next: record statuses and evidence, then run \`iotassure report ${options.output}\`\n`,
  );
  return EXIT.ok;
}
