import type { Command } from 'commander';
import { latestSchemaVersion } from '../../lib/server/db';
import { databaseCounts } from '../../lib/server/overview';
import { printJson, withDb } from '../util';

export function registerStatus(program: Command): void {
	program
		.command('status')
		.description('show what the database holds: customers, interactions, quarantined rows, ingested files')
		.option('--json', 'print JSON')
		.action(async (opts: { json?: boolean }, cmd: Command) => {
			await withDb(cmd, async (db) => {
				const counts = await databaseCounts(db);
				if (opts.json) return printJson({ db: db.path, schema_version: latestSchemaVersion(), ...counts });
				process.stdout.write(
					[
						`database      ${db.path} (schema v${latestSchemaVersion()})`,
						`customers     ${counts.customers.toLocaleString('en')}`,
						`interactions  ${counts.interactions.toLocaleString('en')}`,
						`orders        ${counts.orders.toLocaleString('en')} (${counts.purchase_lines.toLocaleString('en')} purchase lines)`,
						`quarantined   ${counts.quarantined.toLocaleString('en')}`,
						`files         ${counts.files.toLocaleString('en')}`,
						`first / last  ${counts.first_interaction ?? '-'} / ${counts.last_interaction ?? '-'}`
					].join('\n') + '\n'
				);
			});
		});
}
