import type { Command } from 'commander';
import { resolve } from 'node:path';
import { ZodError } from 'zod';
import {
	CAMPAIGN_CHANNELS,
	CampaignNotFound,
	DEFAULT_HOLDOUT_SHARE,
	DEFAULT_WINDOW_DAYS,
	campaignResults,
	createCampaign,
	exportCampaign,
	launchCampaign,
	listCampaigns,
	verdictText,
	type Campaign
} from '../../lib/server/campaigns';
import { issueText, messageOnly } from '../../lib/server/issues';
import { ListNotFound } from '../../lib/server/lists/saved';
import { UsageError, printJson, withDb } from '../util';

/** Mistakes in what the user gave (a name, a date, an id) exit with code 2 and the reason. */
async function asUsage<T>(fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (e) {
		if (e instanceof ListNotFound || e instanceof CampaignNotFound) throw new UsageError(e.message);
		if (e instanceof ZodError) throw new UsageError(issueText(e, messageOnly));
		throw e;
	}
}

function idOf(raw: string): number {
	const id = Number(raw);
	if (!/^\d+$/.test(raw) || !Number.isSafeInteger(id) || id < 1) {
		throw new UsageError(`a campaign id is a whole number, got '${raw}'; see crm campaign list`);
	}
	return id;
}

const n = (x: number | null) => (x === null ? '-' : Math.round(x).toLocaleString('en'));
const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(2)}%`);
const pts = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(2)}`);

function line(c: Campaign): string {
	const state = c.launchedAt ? `${n(c.treated)} treated / ${n(c.control)} control` : 'draft';
	return `${c.campaignId}\t${c.name}\t${c.listName}\t${c.channel}\t${c.sendDate}\t${c.windowDays} d\t${state}`;
}

export function registerCampaign(program: Command): void {
	const campaign = program
		.command('campaign')
		.description('campaigns: a saved list sent on a channel with a holdout control group; its measured lift');

	campaign
		.command('create')
		.description('create a draft campaign from a saved list')
		.requiredOption('--name <name>', 'the campaign name')
		.requiredOption('--list <list>', 'the saved list it sends to (crm list list)')
		.requiredOption('--channel <channel>', `one of ${CAMPAIGN_CHANNELS.join(', ')}`)
		.requiredOption('--send-date <date>', 'first day responses count, YYYY-MM-DD')
		.option('--window <days>', `days responses count (default ${DEFAULT_WINDOW_DAYS})`)
		.option('--holdout <share>', `share held out as control, 0..1 (default ${DEFAULT_HOLDOUT_SHARE})`)
		.option('--seed <n>', 'seed of the holdout draw (default: a random one, stored)')
		.option('--launch', 'launch it at once')
		.option('--json', 'print JSON')
		.action(async (o: Record<string, string | boolean | undefined>, cmd: Command) => {
			await withDb(cmd, async (db) => {
				const created = await asUsage(() =>
					createCampaign(db, {
						name: String(o.name),
						list: String(o.list),
						channel: o.channel as Campaign['channel'],
						sendDate: String(o.sendDate),
						windowDays: o.window === undefined ? undefined : Number(o.window),
						holdoutShare: o.holdout === undefined ? undefined : Number(o.holdout),
						seed: o.seed === undefined ? undefined : Number(o.seed)
					})
				);
				const c = o.launch ? await launchCampaign(db, created.campaignId) : created;
				if (o.json) return printJson(c);
				process.stdout.write(`${line(c)}\n`);
			});
		});

	campaign
		.command('launch <id>')
		.description('freeze the membership and draw the control group (final)')
		.option('--json', 'print JSON')
		.action(async (raw: string, o: { json?: boolean }, cmd: Command) => {
			await withDb(cmd, async (db) => {
				const c = await asUsage(() => launchCampaign(db, idOf(raw)));
				if (o.json) return printJson(c);
				process.stdout.write(
					`${line(c)}\nmatched ${n(c.matched)}, left out without consent for ${c.channel} ${n(c.leftOutNoConsent)}\n`
				);
			});
		});

	campaign
		.command('list')
		.description('show the campaigns')
		.option('--json', 'print JSON')
		.action(async (o: { json?: boolean }, cmd: Command) => {
			await withDb(cmd, async (db) => {
				const all = await listCampaigns(db);
				if (o.json) return printJson(all);
				if (!all.length) process.stdout.write('no campaigns; create one with `crm campaign create`\n');
				for (const c of all) process.stdout.write(`${line(c)}\n`);
			});
		});

	campaign
		.command('results <id>')
		.description('per group conversion, orders and revenue over the window; lift with 95% intervals')
		.option('--json', 'print JSON')
		.action(async (raw: string, o: { json?: boolean }, cmd: Command) => {
			await withDb(cmd, async (db) => {
				const r = await asUsage(() => campaignResults(db, idOf(raw)));
				if (o.json) return printJson({ ...r, verdictText: verdictText(r.lift) });
				const l = r.lift;
				const rows = r.groups.map(
					(g) =>
						`${g.group.padEnd(8)} ${n(g.customers).padStart(9)} ${n(g.converters).padStart(10)} ` +
						`${pct(g.conversionRate).padStart(8)} ${n(g.orders).padStart(8)} ${n(g.revenuePerCustomer).padStart(12)}`
				);
				process.stdout.write(
					[
						line(r.campaign),
						`window   ${l.observedDays} of ${l.windowDays} days in the data`,
						`group    customers converters     rate   orders revenue/cust`,
						...rows,
						`conversion lift ${pts(l.conversionLift)} points (95% CI ${pts(l.conversionLiftLow)} .. ${pts(l.conversionLiftHigh)}), p ${l.pValue?.toPrecision(3) ?? '-'}`,
						`relative lift   ${pct(l.relativeLift)} (95% CI ${pct(l.relativeLiftLow)} .. ${pct(l.relativeLiftHigh)})`,
						`revenue/cust    ${n(l.revenueLift)} (95% CI ${n(l.revenueLiftLow)} .. ${n(l.revenueLiftHigh)}), p ${l.revenuePValue?.toPrecision(3) ?? '-'}`,
						`incremental     ${n(l.incrementalOrders)} orders, revenue ${n(l.incrementalRevenue)} (95% CI ${n(l.incrementalRevenueLow)} .. ${n(l.incrementalRevenueHigh)})`,
						verdictText(l)
					].join('\n') + '\n'
				);
			});
		});

	campaign
		.command('export <id>')
		.description('write the treated members who consent to the channel to a CSV file (recorded)')
		.requiredOption('--out <file>', 'the CSV file to write')
		.option('--json', 'print JSON')
		.action(async (raw: string, o: { out: string; json?: boolean }, cmd: Command) => {
			await withDb(cmd, async (db) => {
				const e = await asUsage(() => exportCampaign(db, idOf(raw), resolve(o.out)));
				if (o.json) return printJson(e);
				process.stdout.write(
					`wrote ${n(e.members)} treated members to ${e.file} (${e.channel}); left out without consent ${n(e.leftOutNoConsent)}\n`
				);
			});
		});
}
