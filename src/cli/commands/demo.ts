import type { Command } from 'commander';
import { Database } from '../../lib/server/db';
import {
	DEFAULT_DEMO_OPTIONS,
	demoDataCounts,
	exportDemo,
	generateDemo,
	type DemoRequest,
	type DemoSummary,
	type ExportFormat
} from '../../lib/server/demo';
import { addDemoCampaigns, type DemoCampaign } from '../../lib/server/demo/campaigns';
import { refreshDerived, refreshSteps } from '../../lib/server/pipeline';
import { StepProgress } from '../progress';
import { UsageError, dbPathOf, numberOption, printJson } from '../util';

interface DemoFlags {
	customers?: string;
	seed?: string;
	start?: string;
	end?: string;
	interactions?: string;
	touchpoints?: string;
	seasonality: boolean;
	outDir?: string;
	format: string;
	filesOnly?: boolean;
	force?: boolean;
	json?: boolean;
	campaigns?: string;
	campaignEffect?: string;
}

export function registerDemo(program: Command): void {
	program
		.command('demo')
		.description(
			'generate the deterministic sample dataset (Vietnamese retail customers, BG/NBD purchases, ' +
				'multi-channel touchpoints); see datasets/README.md'
		)
		.option('--customers <n>', `number of customers (default ${DEFAULT_DEMO_OPTIONS.customers})`)
		.option('--seed <s>', `random seed, a whole number (default ${DEFAULT_DEMO_OPTIONS.seed})`)
		.option('--start <date>', `first day of the period (default ${DEFAULT_DEMO_OPTIONS.start})`)
		.option('--end <date>', `last day of the period (default ${DEFAULT_DEMO_OPTIONS.end})`)
		.option(
			'--interactions <n>',
			'approximate total interactions wanted: scales the touchpoints that do not hang on a purchase ' +
				'(default: about 24 per customer up to 20,000 customers, fewer per customer above: ~500,000 for ' +
				'20,000 customers, ~10M for 1,000,000)'
		)
		.option(
			'--touchpoints <x>',
			'multiplier of those touchpoints instead (default 1 up to 20,000 customers, then ' +
				'(20000 / customers)^0.38, e.g. 0.2261 for 1,000,000)'
		)
		.option('--no-seasonality', 'flat time of day, week and year (pure stationary BG/NBD in calendar time)')
		.option('--out-dir <dir>', 'also write customers and interactions files there (see --format)')
		.option('--format <fmt>', 'file format for --out-dir: csv or parquet', 'csv')
		.option('--files-only', 'only write the --out-dir files (generated in memory); no database is touched')
		.option('--force', 'replace the data of a database that already has some')
		.option(
			'--campaigns <n>',
			'also add n (1-12) past email campaigns with a 10% holdout and a known effect (datasets/README.md)'
		)
		.option(
			'--campaign-effect <p>',
			'with --campaigns: probability that a treated member places one extra order (default 0.05; 0 = no effect)'
		)
		.option('--json', 'print the summary as JSON')
		.addHelpText(
			'after',
			'\nExamples:\n' +
				'  crm demo                                  20,000 customers, ~500,000 interactions, 2023-2025\n' +
				'  crm demo --customers 2000 --seed 7 --force\n' +
				'  crm demo --customers 1000000 --out-dir /tmp/demo10m --files-only   ~10M interactions\n'
		)
		.action(async (flags: DemoFlags, cmd: Command) => {
			const request = parseRequest(flags);
			const format = parseFormat(flags.format);
			const toDb = flags.filesOnly !== true;
			if (!toDb && !flags.outDir) {
				throw new UsageError(
					'--files-only writes nothing without --out-dir DIR: add --out-dir, or drop --files-only'
				);
			}
			// step i/n on stderr (on a terminal); the log lines above it unless --json
			const steps = [
				'generate',
				...(toDb ? refreshSteps.map((s) => s.name) : []),
				...(flags.outDir ? ['export'] : [])
			];
			const progress = new StepProgress(steps);
			const log = (msg: string) => {
				if (!flags.json) progress.print(msg);
				progress.finished(msg);
			};
			const db = await Database.open({ path: toDb ? dbPathOf(cmd) : ':memory:' });
			try {
				const replace = toDb ? await checkEmpty(db, flags.force === true) : false;
				progress.begin('generate');
				const summary = await generateDemo(db, request, { log, replace });
				if (toDb) {
					log('refreshing derived tables ...');
					progress.begin(steps[1]);
					await refreshDerived(db, log);
				}
				const campaigns = toDb ? await demoCampaigns(db, flags, summary.options.seed, log) : [];
				progress.begin('export');
				const files = flags.outDir ? await exportDemo(db, flags.outDir, format) : [];
				progress.stop();
				report(summary, toDb ? db.path : null, files, flags.json === true, campaigns);
			} finally {
				progress.stop();
				db.close();
			}
		});
}

function parseRequest(flags: DemoFlags): DemoRequest {
	const whole = (name: string, raw: string | undefined): number | undefined => {
		if (raw === undefined) return undefined;
		const n = Number(raw.replace(/_/g, ''));
		if (!/^[\d_]+$/.test(raw) || !Number.isSafeInteger(n)) {
			throw new UsageError(`${name} must be a whole number, got '${raw}'`);
		}
		return n;
	};
	const customers = whole('--customers', flags.customers);
	if (customers === 0) throw new UsageError('--customers must be at least 1');
	if (flags.interactions !== undefined && flags.touchpoints !== undefined) {
		throw new UsageError('give either --interactions or --touchpoints, not both');
	}
	return {
		customers,
		seed: whole('--seed', flags.seed),
		start: flags.start,
		end: flags.end,
		interactions: whole('--interactions', flags.interactions),
		touchpoints:
			flags.touchpoints === undefined ? undefined : numberOption('--touchpoints', flags.touchpoints, 1),
		seasonality: flags.seasonality
	};
}

function parseFormat(raw: string): ExportFormat {
	if (raw === 'csv' || raw === 'parquet') return raw;
	throw new UsageError(`--format must be csv or parquet, got '${raw}'`);
}

/** Refuses to overwrite data unless --force; returns whether the run must replace what is there. */
async function checkEmpty(db: Database, force: boolean): Promise<boolean> {
	const c = await demoDataCounts(db);
	const has = c.customers + c.interactions + c.quarantined + c.ingests > 0;
	if (has && !force) {
		throw new UsageError(
			`the database ${db.path} already holds ${c.customers} customers, ${c.interactions} interactions and ` +
				`${c.ingests} ingested files; crm demo would replace them. Add --force to clear them first, ` +
				'or use --db (or CRM_DB) to write another file'
		);
	}
	return has;
}

/** --campaigns: past campaigns with a known effect, then the refresh that their added orders make stale. */
async function demoCampaigns(
	db: Database,
	flags: DemoFlags,
	seed: number,
	log: (msg: string) => void
): Promise<DemoCampaign[]> {
	if (flags.campaigns === undefined) {
		if (flags.campaignEffect !== undefined) throw new UsageError('--campaign-effect needs --campaigns N');
		return [];
	}
	const count = Number(flags.campaigns);
	const effect = flags.campaignEffect === undefined ? 0.05 : Number(flags.campaignEffect);
	if (!Number.isInteger(count) || count < 1 || count > 12) {
		throw new UsageError(`--campaigns must be a whole number from 1 to 12, got '${flags.campaigns}'`);
	}
	if (!(effect >= 0 && effect <= 1)) {
		throw new UsageError(
			`--campaign-effect must be a probability from 0 to 1, got '${flags.campaignEffect}'`
		);
	}
	log(`adding ${count} demo campaign(s) with effect ${effect} ...`);
	const made = await addDemoCampaigns(db, { campaigns: count, effect, seed });
	await refreshDerived(db, log);
	return made;
}

function report(
	s: DemoSummary,
	dbPath: string | null,
	files: string[],
	json: boolean,
	campaigns: DemoCampaign[]
): void {
	if (json) {
		printJson({ db: dbPath, files, ...s, ...(campaigns.length ? { campaigns } : {}) });
		return;
	}
	const n = (x: number) => x.toLocaleString('en');
	const lines = [
		`sample data  seed ${s.options.seed}, ${s.options.start} .. ${s.options.end}, touchpoints x${s.options.touchpoints}`,
		`customers    ${n(s.customers)}`,
		`interactions ${n(s.interactions)} (${n(s.purchases)} purchases)`,
		`by type      ${Object.entries(s.byType)
			.map(([k, v]) => `${k} ${n(v)}`)
			.join(', ')}`,
		`by channel   ${Object.entries(s.byChannel)
			.map(([k, v]) => `${k} ${n(v)}`)
			.join(', ')}`,
		`time         ${(s.durationMs / 1000).toFixed(1)} s (${n(s.rowsPerSecond)} rows/s)`
	];
	if (dbPath) lines.push(`database     ${dbPath}`);
	for (const f of files) lines.push(`wrote        ${f}`);
	for (const c of campaigns) {
		lines.push(
			`campaign     ${c.campaignId} ${c.name}: ${n(c.treated)} treated, ${n(c.control)} control, ` +
				`true conversion lift ${(c.trueEffect.conversionLift * 100).toFixed(2)} points`
		);
	}
	process.stdout.write(`${lines.join('\n')}\n`);
}
