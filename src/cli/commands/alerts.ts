import type { Command } from 'commander';
import { ZodError } from 'zod';
import { addRule, deliverPending, listAlerts, listRules, setWebhookUrl } from '../../lib/server/alerts';
import { issueText, messageOnly } from '../../lib/server/issues';
import { UsageError, numberOption, printJson, withDb } from '../util';

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		throw new UsageError(
			`--rule must be JSON, e.g. '{"kind":"clv_p_alive_drop","top_share":0.1,"below":0.5}'`
		);
	}
}

export function registerAlerts(program: Command): void {
	const alerts = program
		.command('alerts')
		.description('the alert history (evaluated at every refresh), newest first; rules and the webhook')
		.option('--limit <n>', 'how many alerts', '50')
		.option('--json', 'print JSON')
		.action(async (opts: { limit: string; json?: boolean }, cmd: Command) => {
			const limit = numberOption('--limit', opts.limit, 50);
			await withDb(cmd, async (db) => {
				const rows = await listAlerts(db, limit);
				if (opts.json) return printJson(rows);
				if (!rows.length) return void process.stdout.write('no alerts yet\n');
				for (const a of rows) {
					process.stdout.write(
						`${a.alert_id}\t${a.fired_at}\t${a.kind}\t${JSON.stringify(a.detail).slice(0, 200)}\n`
					);
				}
			});
		});

	alerts
		.command('rule')
		.description(
			'add a rule: kpi_threshold {kpi, grain, scope, op: above|below, value}, clv_p_alive_drop {top_share, below}, ' +
				'segment_change {share}; goals falling off pace are always watched. Without --rule, list the rules'
		)
		.option('--rule <json>', 'the rule as JSON with its kind')
		.option('--json', 'print JSON')
		.action(async (opts: { rule?: string; json?: boolean }, cmd: Command) => {
			await withDb(cmd, async (db) => {
				try {
					if (!opts.rule) {
						const rules = await listRules(db);
						if (opts.json) return printJson(rules);
						for (const r of rules) process.stdout.write(`${r.rule_id}\t${JSON.stringify(r)}\n`);
						return;
					}
					const r = await addRule(db, parseJson(opts.rule));
					if (opts.json) return printJson(r);
					process.stdout.write(`added rule ${r.rule_id} (${r.kind})\n`);
				} catch (e) {
					if (e instanceof ZodError) throw new UsageError(issueText(e, messageOnly));
					throw e;
				}
			});
		});

	alerts
		.command('webhook')
		.description(
			'set the URL the alerts are POSTed to as JSON (--off removes it), then send the pending ones'
		)
		.argument('[url]', 'http(s) URL')
		.option('--off', 'remove the webhook')
		.action(async (url: string | undefined, opts: { off?: boolean }, cmd: Command) => {
			if (!url && !opts.off) throw new UsageError('give a URL or --off');
			await withDb(cmd, async (db) => {
				try {
					await setWebhookUrl(db, opts.off ? null : url!);
				} catch (e) {
					if (e instanceof ZodError) throw new UsageError(issueText(e, messageOnly));
					throw e;
				}
				if (opts.off) return void process.stdout.write('webhook removed\n');
				const r = await deliverPending(db);
				process.stdout.write(`webhook set; pending alerts: ${r.delivered} delivered, ${r.failed} not yet\n`);
			});
		});
}
