#!/usr/bin/env node
/**
 * The iotassure command line. Each command's module is imported only when that command runs, so
 * start-up stays close to a bare `node` process (see bench/ and docs/benchmarks.md).
 */
import { Command, CommanderError, Option } from 'commander';
import { printable } from '../diagnostics/printable.js';
import { REPORT_FORMATS } from '../renderers/renderer.js';
import { CliError, EXIT } from './exit-codes.js';
import { toolInfo } from './tool-info.js';

// `iotassure report … | head` closes the pipe early; that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const program = new Command();
program
  .name('iotassure')
  .description(
    'Assess a consumer IoT product against the IoTSF Compliance Framework 1.1 and see which of the 13 UK Code of Practice guidelines it meets.',
  )
  .version(toolInfo().version, '-V, --version')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

const noEvidence = new Option(
  '--no-evidence',
  'skip checking that evidence files exist and match their SHA-256',
);

program
  .command('validate')
  .description('check an assessment file: schema, requirement ids, rules, evidence files and hashes')
  .argument('<file>', 'assessment file (YAML or JSON)')
  .addOption(noEvidence)
  .option('--strict', 'treat warnings as errors', false)
  .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
  .action(async (file: string, opts) => {
    const { validateCommand } = await import('./commands/validate-command.js');
    process.exitCode = validateCommand(file, opts);
  });

program
  .command('report')
  .description('report the outcome of each Code of Practice guideline for an assessment')
  .argument('<file>', 'assessment file (YAML or JSON)')
  .addOption(
    new Option(
      '-f, --format <format>',
      'output format (default: from the -o file name, e.g. report.pdf; otherwise text)',
    ).choices(REPORT_FORMATS),
  )
  .option('-o, --output <file>', 'write to this file instead of standard output')
  .option('--color', 'force colour in text output')
  .option('--no-color', 'no colour in text output')
  .addOption(noEvidence)
  .action(async (file: string, opts) => {
    const { reportCommand } = await import('./commands/report-command.js');
    process.exitCode = await reportCommand(file, opts);
  });

program
  .command('check')
  .description('CI gate: exit 0 if the required guidelines are met, 1 if not, 3 if the file is invalid')
  .argument('<file>', 'assessment file (YAML or JSON)')
  .option('--require <guidelines>', 'comma-separated guideline numbers, or "all"', '1,2,3')
  .option('--no-allow-not-applicable', 'count a not-applicable guideline as a failure')
  .addOption(noEvidence)
  .action(async (file: string, opts) => {
    const { checkCommand } = await import('./commands/check-command.js');
    process.exitCode = checkCommand(file, opts);
  });

program
  .command('init')
  .description('answer the product profile questions and write an assessment skeleton')
  .option('-o, --output <file>', 'file to write', 'assessment.yaml')
  .option('--force', 'overwrite the output file if it exists', false)
  .option('--name <name>', 'product name')
  .option('--model <model>', 'product model')
  .option('--product-version <version>', 'product (firmware) version')
  .option('--manufacturer <name>', 'manufacturer')
  .option(
    '--role <role...>',
    'stakeholder roles your organisation plays (device-manufacturers, iot-service-providers, mobile-application-developers, retailers)',
  )
  .option(
    '--answer <fact=yes|no...>',
    'profile answers, e.g. --answer wifi=yes mqtt=no (see `iotassure catalog facts`)',
  )
  .option('--no-interactive', 'never ask questions, even in a terminal')
  .action(async (opts) => {
    const { initCommand } = await import('./commands/init-command.js');
    process.exitCode = await initCommand(opts);
  });

program
  .command('import-xlsx')
  .description(
    'apply the statuses, justifications, assessors and dates of an edited XLSX report to the assessment file',
  )
  .argument('<workbook>', 'an XLSX file written by `iotassure report --format xlsx`, edited')
  .argument('<file>', 'the assessment file to update (comments and layout are kept)')
  .option('--dry-run', 'print the updated file instead of writing it', false)
  .option('--force', 'apply a workbook exported from a different product (name, model or version)', false)
  .action(async (workbook: string, file: string, opts) => {
    const { importXlsxCommand } = await import('./commands/import-xlsx-command.js');
    process.exitCode = await importXlsxCommand(workbook, file, opts);
  });

const keys = program.command('keys').description('signing keys for attestations');
keys
  .command('generate')
  .description('make an Ed25519 key pair: PREFIX.key (private, mode 0600) and PREFIX.pub (public)')
  .option('-o, --output <prefix>', 'path prefix of the two files', 'iotassure-signing')
  .option('--force', 'replace an existing key pair', false)
  .action(async (opts) => {
    const { keysGenerateCommand } = await import('./commands/keys-command.js');
    process.exitCode = keysGenerateCommand(opts);
  });

program
  .command('attest')
  .description(
    'sign a valid assessment into one bundle: the assessment, its HTML and JSON reports, every evidence file and a signed manifest',
  )
  .argument('<file>', 'assessment file (YAML or JSON)')
  .requiredOption('--key <key>', 'the Ed25519 private key (PREFIX.key from `iotassure keys generate`)')
  .requiredOption('-o, --output <bundle>', 'the bundle file to write (a tar file)')
  .option('--signer <name>', 'who signs (default: the product manufacturer)')
  .option('--force', 'replace the bundle if it exists', false)
  .action(async (file: string, opts) => {
    const { attestCommand } = await import('./commands/attest-command.js');
    process.exitCode = await attestCommand(file, opts);
  });

program
  .command('verify')
  .description(
    'check a bundle: safe structure, the signature and every file hash; print what was attested (exit 0 verified, 1 failed, 4 signer not pinned)',
  )
  .argument('<bundle>', 'a bundle written by `iotassure attest`')
  .option(
    '--key <pubkey>',
    "the signer's public key (PREFIX.pub) you trust; without it the signer is not pinned",
  )
  .option(
    '--extract <dir>',
    'after everything verified, write the files into this new or empty folder (needs --key)',
  )
  .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
  .action(async (bundle: string, opts) => {
    const { verifyCommand } = await import('./commands/verify-command.js');
    process.exitCode = await verifyCommand(bundle, opts);
  });

const catalog = program
  .command('catalog')
  .description('browse the catalog: guidelines, requirements, mappings, profile questions')
  .argument('[command]', 'one of the commands below; none lists the guidelines')
  .action(async (sub: string | undefined) => {
    if (sub !== undefined) {
      throw new CliError(
        `unknown catalog command "${sub}"; use guidelines, requirements, show, search, facts or export`,
        EXIT.usage,
      );
    }
    const { catalogOverview } = await import('./commands/catalog-command.js');
    process.exitCode = catalogOverview();
  });
catalog
  .command('guidelines')
  .description('list the 13 Code of Practice guidelines with their mapped requirement counts')
  .action(async () => {
    const { catalogOverview } = await import('./commands/catalog-command.js');
    process.exitCode = catalogOverview();
  });
catalog
  .command('requirements')
  .description('list the Compliance Framework requirements')
  .option('-g, --guideline <n>', 'only requirements mapped to this guideline')
  .option('-s, --section <section>', 'only requirements in this CF section, e.g. 2.4.7')
  .action(async (opts) => {
    const { catalogRequirements } = await import('./commands/catalog-command.js');
    process.exitCode = catalogRequirements(opts);
  });
catalog
  .command('show')
  .description('show one guideline or requirement in full, with its mappings, notes and applicability')
  .argument('<id>', 'a guideline number (1-13) or a requirement id (e.g. 2.4.7.13)')
  .action(async (id: string) => {
    const { catalogShow } = await import('./commands/catalog-command.js');
    process.exitCode = catalogShow(id);
  });
catalog
  .command('search')
  .description('search requirement and guideline texts')
  .argument('<text...>', 'words to look for (all must occur)')
  .action(async (words: string[]) => {
    const { catalogSearch } = await import('./commands/catalog-command.js');
    process.exitCode = catalogSearch(words);
  });
catalog
  .command('facts')
  .description('list the product profile questions')
  .action(async () => {
    const { catalogFacts } = await import('./commands/catalog-command.js');
    process.exitCode = catalogFacts();
  });
catalog
  .command('export')
  .description(
    'export the catalog: everything as iotassure JSON, or one framework or mapping set as OSCAL 1.2 JSON',
  )
  .addOption(new Option('-f, --format <format>', 'output format').choices(['json', 'oscal']).default('json'))
  .option('--framework <id>', 'with --format oscal: this framework as an OSCAL catalog')
  .option(
    '--mapping [id]',
    'with --format oscal: this mapping set (default: the CF 1.1 → CoP cross-reference) as an OSCAL mapping-collection',
  )
  .option('-o, --output <file>', 'write to this file instead of standard output')
  .action(async (opts) => {
    const { catalogExport } = await import('./commands/catalog-command.js');
    process.exitCode = catalogExport(opts);
  });

program
  .command('serve')
  .description(
    'run the team server: web app and API, with its database (SQLite in the data folder, or PostgreSQL)',
  )
  .option('--host <host>', 'address to listen on (env IOTASSURE_HOST; default 127.0.0.1)')
  .option('--port <port>', 'port to listen on, 0 for any free port (env IOTASSURE_PORT; default 8080)')
  .option(
    '--data-dir <dir>',
    'folder for the SQLite database (env IOTASSURE_SERVER_DATA_DIR; default ./iotassure-data)',
  )
  .option(
    '--database-url <url>',
    'use PostgreSQL instead of SQLite: postgresql://USER:PASSWORD@HOST:PORT/DB (env IOTASSURE_DATABASE_URL)',
  )
  .option(
    '--secure-cookies',
    'mark the session cookie Secure: the server is reached over https (env IOTASSURE_SECURE_COOKIES=1)',
  )
  .option(
    '--trust-proxy',
    'take the client address from X-Forwarded-For of a reverse proxy (env IOTASSURE_TRUST_PROXY=1)',
  )
  .option('--tls-cert <file>', 'serve https with this certificate (PEM; env IOTASSURE_TLS_CERT)')
  .option('--tls-key <file>', 'the private key of --tls-cert (PEM; env IOTASSURE_TLS_KEY)')
  .action(async (opts) => {
    const { serveCommand } = await import('./commands/serve-command.js');
    process.exitCode = await serveCommand(opts);
  });

const server = program.command('server').description("the team server's database: backup and restore");
server
  .command('backup')
  .description('write a consistent copy of the database, also while the server runs')
  .requiredOption('-o, --output <file>', 'the backup file to write (never overwritten)')
  .option(
    '--data-dir <dir>',
    "the server's data folder (env IOTASSURE_SERVER_DATA_DIR; default ./iotassure-data)",
  )
  .option('--database-url <url>', 'the PostgreSQL database instead (env IOTASSURE_DATABASE_URL)')
  .addOption(
    new Option(
      '--format <format>',
      'sqlite (a database file; SQLite only) or portable (gzip JSON lines)',
    ).choices(['sqlite', 'portable']),
  )
  .action(async (opts) => {
    const { serverBackupCommand } = await import('./commands/server-backup-command.js');
    process.exitCode = await serverBackupCommand(opts);
  });
server
  .command('restore')
  .description('restore a backup into an empty database (a new data folder or a new PostgreSQL database)')
  .argument('<file>', 'a file written by `iotassure server backup`')
  .option('--data-dir <dir>', 'the data folder to restore into (env IOTASSURE_SERVER_DATA_DIR)')
  .option('--database-url <url>', 'the PostgreSQL database to restore into (env IOTASSURE_DATABASE_URL)')
  .action(async (file: string, opts) => {
    const { serverRestoreCommand } = await import('./commands/server-backup-command.js');
    process.exitCode = await serverRestoreCommand(file, opts);
  });

async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    } else if (error instanceof Error && error.name === 'ExitPromptError') {
      // Ctrl-C at an interactive prompt: the user chose to stop; nothing was written.
      process.stderr.write('iotassure: cancelled; nothing was written\n');
      process.exitCode = 130;
    } else if (error instanceof CliError) {
      process.stderr.write(`iotassure: ${printable(error.message)}\n`);
      process.exitCode = error.exitCode;
    } else {
      process.stderr.write(
        `iotassure: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.stderr.write('This is a bug in iotassure; please report it with the command you ran.\n');
      process.exitCode = 70;
    }
  }
}

void main();
