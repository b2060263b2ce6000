import type { Command } from 'commander';
import { statSync } from 'node:fs';
import {
	IngestError,
	ingestFile,
	parseMapOptions,
	type IngestOptions,
	type IngestReport
} from '../../lib/server/ingest';
import { UsageError, printJson, withDb } from '../util';

interface IngestCliOptions {
	kind: string;
	preset: string;
	map: string[];
	dedupe: string;
	json?: boolean;
	refresh: boolean;
	verbose?: boolean;
}

export function registerIngest(program: Command): void {
	program
		.command('ingest')
		.description(
			'load CSV/TSV (also .gz), Parquet or JSON/NDJSON files: every row is loaded or quarantined with its reason'
		)
		.argument('<file...>', 'files to load, each in its own transaction')
		.option('--kind <kind>', 'what the rows are: interactions | customers', 'interactions')
		.option('--preset <preset>', 'file layout: generic | online-retail | cdnow', 'generic')
		.option(
			'--map <field=column>',
			'use this column for a field, e.g. --map occurred_at=InvoiceDate (repeatable)',
			(value: string, prev: string[]) => [...prev, value],
			[] as string[]
		)
		.option(
			'--dedupe <mode>',
			'none | exact (exact duplicate rows are quarantined as "duplicate row")',
			'none'
		)
		.option('--json', 'print the report as JSON (an array when several files)')
		.option('--no-refresh', 'do not recompute derived tables after loading')
		.option('--verbose', 'say on stderr when each step starts (reading, writing, refreshing)')
		.addHelpText(
			'after',
			'\nFields, rules and presets: docs/INGESTION.md. Exit code 1 when a file cannot be read (nothing of it is written).'
		)
		.action(async (files: string[], opts: IngestCliOptions, cmd: Command) => {
			if (!['interactions', 'customers'].includes(opts.kind)) {
				throw new UsageError(`--kind must be interactions or customers, got '${opts.kind}'`);
			}
			if (!['generic', 'online-retail', 'cdnow'].includes(opts.preset)) {
				throw new UsageError(`--preset must be generic, online-retail or cdnow, got '${opts.preset}'`);
			}
			if (!['none', 'exact'].includes(opts.dedupe)) {
				throw new UsageError(`--dedupe must be none or exact, got '${opts.dedupe}'`);
			}
			let map: Record<string, string>;
			try {
				map = parseMapOptions(opts.map);
			} catch (e) {
				throw new UsageError(e instanceof Error ? e.message : String(e));
			}
			const base: IngestOptions = {
				kind: opts.kind as IngestOptions['kind'],
				preset: opts.preset as IngestOptions['preset'],
				map,
				dedupe: opts.dedupe as IngestOptions['dedupe'],
				noRefresh: !opts.refresh
			};
			const reports: (IngestReport | { file: string; error: string })[] = [];
			let failed = 0;
			await withDb(cmd, async (db) => {
				for (const file of files) {
					const bar = progressBar(file);
					try {
						const onPhase = opts.verbose
							? (phase: string) => process.stderr.write(`${file}: ${phase}\n`)
							: undefined;
						const report = await ingestFile(db, file, { ...base, onProgress: bar?.update, onPhase });
						bar?.done();
						reports.push(report);
						if (!opts.json) process.stdout.write(summary(report));
					} catch (e) {
						bar?.done();
						failed++;
						const message = e instanceof Error ? e.message : String(e);
						reports.push({ file, error: message });
						process.stderr.write(`crm ingest: ${message.includes(file) ? message : `${file}: ${message}`}\n`);
						if (!(e instanceof IngestError) && process.env.CRM_DEBUG && e instanceof Error) {
							process.stderr.write(`${e.stack}\n`);
						}
					}
				}
			});
			if (opts.json) printJson(files.length === 1 && reports[0] ? reports[0] : reports);
			if (failed > 0) process.exitCode = 1;
		});
}

const fmt = (n: number): string => n.toLocaleString('en');

/** The human summary of one file. */
export function summary(r: IngestReport): string {
	if (r.skipped) return `${r.file}: skipped, ${r.skipped}\n`;
	const seconds = r.duration_ms / 1000;
	const rate = seconds > 0 ? Math.round(r.rows_read / seconds) : r.rows_read;
	const lines = [
		`${r.file} (${r.format}, ${r.kind}, preset ${r.preset})`,
		`  read         ${fmt(r.rows_read)} rows in ${seconds.toFixed(1)} s (${fmt(rate)} rows/s)`,
		`  loaded       ${fmt(r.rows_loaded)}`,
		`  quarantined  ${fmt(r.rows_quarantined)}`
	];
	for (const [reason, n] of Object.entries(r.reasons)) lines.push(`    ${fmt(n).padStart(10)}  ${reason}`);
	if (r.customers_created !== undefined) {
		lines.push(`  customers    ${fmt(r.customers_created)} new, ${fmt(r.customers_updated ?? 0)} updated`);
	}
	for (const [warning, n] of Object.entries(r.warnings ?? {})) {
		lines.push(`    ${fmt(n).padStart(10)}  ${warning} (kept as NULL, raw value in attributes)`);
	}
	if (r.possible_duplicates && r.possible_duplicates.groups > 0) {
		lines.push(
			`  possible duplicates: ${fmt(r.possible_duplicates.groups)} groups of customers share an e-mail or phone ` +
				'(not merged; see --json)'
		);
	}
	if (r.rows_quarantined > 0)
		lines.push('  quarantined rows: table quarantine (source_file, source_line, reason, raw)');
	return `${lines.join('\n')}\n`;
}

/** A progress bar on stderr for files over 20 MB when stderr is a terminal. */
function progressBar(file: string): { update: (p: number) => void; done: () => void } | undefined {
	if (!process.stderr.isTTY) return undefined;
	try {
		if (statSync(file).size < 20 * 2 ** 20) return undefined;
	} catch {
		return undefined;
	}
	const width = 30;
	let shown = false;
	return {
		update: (p: number) => {
			const filled = Math.round((p / 100) * width);
			process.stderr.write(
				`\r${'#'.repeat(filled)}${'.'.repeat(width - filled)} ${p.toFixed(0).padStart(3)}% reading`
			);
			shown = true;
		},
		done: () => {
			if (shown) process.stderr.write('\r\x1b[K');
		}
	};
}
