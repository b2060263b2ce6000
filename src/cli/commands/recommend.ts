import type { Command } from 'commander';
import { checkRecommendations } from '../../lib/server/affinity/holdout';
import { recommendations } from '../../lib/server/affinity/recommend';
import { printJson, UsageError, withDb } from '../util';

export function registerRecommend(program: Command): void {
	program
		.command('recommend [customer_id]')
		.description(
			"a customer's next products (item to item over what they bought); --check: hit rate at 5 and 10 with each customer's last order held out, beside a popularity baseline"
		)
		.option('--check', 'the holdout check instead of one customer')
		.option('--json', 'print JSON')
		.action(
			async (customerId: string | undefined, opts: { check?: boolean; json?: boolean }, cmd: Command) => {
				if (!opts.check && !customerId) throw new UsageError('give a CUSTOMER_ID, or --check');
				await withDb(cmd, async (db) => {
					if (opts.check) {
						const t0 = performance.now();
						const rows = await checkRecommendations(db);
						process.stderr.write(`holdout check: ${Math.round(performance.now() - t0)} ms\n`);
						if (opts.json) return printJson(rows);
						for (const r of rows)
							process.stdout.write(
								`${r.method.padEnd(13)} customers ${r.customers}  hit@5 ${(100 * r.hit_rate_5).toFixed(1)}%  ` +
									`hit@10 ${(100 * r.hit_rate_10).toFixed(1)}%\n`
							);
						return;
					}
					const rows = await recommendations(db, customerId!);
					if (opts.json) return printJson(rows);
					if (rows.length === 0) process.stdout.write(`no recommendations for customer '${customerId}'\n`);
					for (const r of rows)
						process.stdout.write(
							`${String(r.rank).padStart(2)}. ${r.product_id} ${r.name ?? ''}  (${r.score.toFixed(3)})\n`
						);
				});
			}
		);
}
