import type { Command } from 'commander';
import { AUDIT_ACTIONS, auditLog, type AuditAction } from '../../lib/server/auth/audit';
import { numberOption, printJson, UsageError, withDb } from '../util';

/** `crm audit [--action A] [--limit N] [--json]`: the audit log, newest first (#19). */
export function registerAudit(program: Command): void {
	program
		.command('audit')
		.description('show the audit log: sign-ins, failed sign-ins, reveals, exports, settings and user changes')
		.option('--action <action>', `only one kind: ${AUDIT_ACTIONS.join(', ')}`)
		.option('--limit <n>', 'at most this many entries (newest first)', '200')
		.option('--json', 'print JSON')
		.action(async (opts: { action?: string; limit: string; json?: boolean }, cmd: Command) => {
			if (opts.action && !(AUDIT_ACTIONS as readonly string[]).includes(opts.action))
				throw new UsageError(`--action must be one of ${AUDIT_ACTIONS.join(', ')}`);
			const limit = numberOption('--limit', opts.limit, 200);
			if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
				throw new UsageError('--limit must be a whole number from 1 to 100000');
			await withDb(cmd, async (db) => {
				const rows = await auditLog(db, { limit, action: opts.action as AuditAction | undefined });
				if (opts.json) return printJson(rows);
				for (const r of rows)
					process.stdout.write(
						[r.at, r.actor ?? '-', r.action, r.target ?? '-', r.rows ?? '', r.address ?? ''].join('\t') + '\n'
					);
			});
		});
}
