import type { Command } from 'commander';
import {
	AFFINITY_LEVELS,
	AFFINITY_SORTS,
	affinityPairs,
	DEFAULT_MIN_ORDERS,
	type AffinityLevel,
	type AffinitySort
} from '../../lib/server/affinity/pairs';
import { numberOption, printJson, UsageError, withDb } from '../util';

function oneOf<T extends string>(name: string, raw: string, allowed: readonly T[]): T {
	if (!(allowed as readonly string[]).includes(raw))
		throw new UsageError(`${name} must be one of ${allowed.join(', ')}, got '${raw}'`);
	return raw as T;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function registerAffinity(program: Command): void {
	program
		.command('affinity')
		.description('pairs of products or categories bought in the same order: support, confidence, lift')
		.option('--level <level>', `product or category`, 'product')
		.option('--segment <segment>', "an RFM segment key, or 'all'", 'all')
		.option('--min-orders <n>', 'least orders with both items', String(DEFAULT_MIN_ORDERS))
		.option('--sort <by>', AFFINITY_SORTS.join(' | '), 'lift')
		.option('--limit <n>', 'pairs shown', '20')
		.option('--json', 'print JSON')
		.action(async (opts: Record<string, string> & { json?: boolean }, cmd: Command) => {
			const level = oneOf<AffinityLevel>('--level', opts.level!, AFFINITY_LEVELS);
			const sort = oneOf<AffinitySort>('--sort', opts.sort!, AFFINITY_SORTS);
			const minOrders = numberOption('--min-orders', opts.minOrders, DEFAULT_MIN_ORDERS);
			const limit = numberOption('--limit', opts.limit, 20);
			if (!Number.isInteger(minOrders) || minOrders < 1)
				throw new UsageError('--min-orders must be 1 or more');
			if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
				throw new UsageError('--limit must be a whole number 1..10000');
			await withDb(cmd, async (db) => {
				const pairs = await affinityPairs(db, { level, segment: opts.segment, minOrders, sort, limit });
				if (opts.json) return printJson(pairs);
				if (pairs.length === 0) {
					process.stdout.write(`no ${level} pairs in ${minOrders}+ orders for segment '${opts.segment}'\n`);
					return;
				}
				const label = (code: string, name: string | null) => (name ? `${code} ${name}` : code);
				for (const p of pairs)
					process.stdout.write(
						`${label(p.item_a, p.name_a)}  +  ${label(p.item_b, p.name_b)}\n` +
							`    orders ${p.orders_ab}  support ${pct(p.support)}  conf ${pct(p.confidence_ab)} / ` +
							`${pct(p.confidence_ba)}  lift ${p.lift.toFixed(2)}\n`
					);
			});
		});
}
