import { Command, CommanderError } from 'commander';
import { commands } from './commands';
import { UsageError } from './util';

const program = new Command('crm')
	.description('Analytical CRM: ingest customer interactions, compute segments, retention and CLV.')
	.option('--db <file>', 'database file (default: $CRM_DB or datasets/crm.duckdb)')
	.showHelpAfterError('(run with --help for usage)')
	.exitOverride();

for (const register of commands) register(program);

try {
	await program.parseAsync(process.argv);
} catch (e) {
	if (e instanceof CommanderError) {
		// --help and --version end here with code 0; everything else commander rejects is a usage error.
		process.exit(e.exitCode === 0 ? 0 : 2);
	}
	if (e instanceof UsageError) {
		process.stderr.write(`crm: ${e.message}\n`);
		process.exit(2);
	}
	process.stderr.write(`crm: ${e instanceof Error ? e.message : String(e)}\n`);
	if (process.env.CRM_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
	process.exit(1);
}
