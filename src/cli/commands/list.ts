import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ZodError } from 'zod';
import {
	CHANNELS,
	CONTACT_COLUMN_KEYS,
	DEFAULT_EXPORT_COLUMNS,
	EXPORT_COLUMNS,
	EXPORT_FORMATS,
	exportList,
	type Channel,
	type ExportFormat
} from '../../lib/server/lists/export';
import { LANGS, isLang } from '../../lib/i18n/format';
import { previewList } from '../../lib/server/lists/preview';
import { RuleError, parseRule } from '../../lib/server/lists/rule';
import { ListNotFound, deleteList, getList, savedLists, saveList } from '../../lib/server/lists/saved';
import { CLI_ACTOR, UsageError, printJson, withDb } from '../util';
import { issueText, messageOnly } from '../../lib/server/issues';

/** Mistakes in what the user gave (a rule, a name, a column) exit with code 2 and the reason. */
async function asUsage<T>(fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (e) {
		if (e instanceof RuleError || e instanceof ListNotFound) throw new UsageError(e.message);
		if (e instanceof ZodError) throw new UsageError(issueText(e, messageOnly));
		throw e;
	}
}

function readRuleFile(file: string): unknown {
	const text = file === '-' ? readFileSync(0, 'utf8') : readIfExists(file);
	return parseRule(text);
}

function readIfExists(file: string): string {
	if (!existsSync(file))
		throw new UsageError(`rule file ${file} not found; give a JSON file with --rule FILE`);
	return readFileSync(file, 'utf8');
}

const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null) => (x === null ? '-' : Math.round(x).toLocaleString('en'));

/** What `crm segment` (the old name of `crm list`) prints to stderr before it does the same. */
export const SEGMENT_DEPRECATION = '`crm segment` is now `crm list`; the old name will go';

export function registerList(program: Command): void {
	addListCommands(
		program
			.command('list')
			.description(
				'saved lists of customers (target lists, each a rule): list, show, save, delete, export (formerly `crm segment`)'
			)
	);
	// The old name: the same subcommands, after a one-line note. Hidden from `crm --help`.
	addListCommands(
		program
			.command('segment', { hidden: true })
			.description('the old name of `crm list`')
			.hook('preSubcommand', () => {
				process.stderr.write(`${SEGMENT_DEPRECATION}\n`);
			})
	);
}

function addListCommands(lists: Command): void {
	lists
		.command('list')
		.description('show the saved lists')
		.option('--json', 'print JSON')
		.action(async (opts: { json?: boolean }, cmd: Command) => {
			await withDb(cmd, async (db) => {
				const all = await savedLists(db);
				if (opts.json) return printJson(all);
				if (!all.length) {
					process.stdout.write('no saved lists; save one with `crm list save NAME --rule FILE`\n');
					return;
				}
				for (const s of all) {
					process.stdout.write(`${s.name}\t${s.updatedAt}\t${s.description ?? ''}\n`);
				}
			});
		});

	lists
		.command('show')
		.description("show a saved list's rule and its current size and value")
		.argument('<name>', 'list name')
		.option('--json', 'print JSON')
		.action(async (name: string, opts: { json?: boolean }, cmd: Command) => {
			await withDb(cmd, (db) =>
				asUsage(async () => {
					const s = await getList(db, name);
					const p = await previewList(db, s.rule, 10);
					if (opts.json) return printJson({ ...s, preview: p });
					process.stdout.write(
						[
							`name          ${s.name}`,
							`description   ${s.description ?? '-'}`,
							`rule          ${JSON.stringify(s.rule)}`,
							`created       ${s.createdAt}   updated ${s.updatedAt}`,
							`as of         ${p.asOf ?? '-'}`,
							`customers     ${num(p.members)} of ${num(p.base)} (${pct(p.share)})`,
							`revenue       ${num(p.revenue)} (${pct(p.revenueShare)} of all)`,
							`mean pred.CLV ${num(p.meanPredictedClv)}`,
							`consent       email ${num(p.withEmailConsent)}, sms ${num(p.withSmsConsent)}`
						].join('\n') + '\n'
					);
				})
			);
		});

	lists
		.command('save')
		.description('save (or replace) a list from a JSON rule file')
		.argument('<name>', 'list name')
		.requiredOption(
			'--rule <file>',
			'JSON rule file (\'-\' reads standard input), e.g. {"and":[{"field":"p_alive","op":">","value":0.7}]}'
		)
		.option('--description <text>', 'what the list is for')
		.option('--no-replace', 'fail when a list of that name exists')
		.option('--json', 'print JSON')
		.action(
			async (
				name: string,
				opts: { rule: string; description?: string; replace: boolean; json?: boolean },
				cmd: Command
			) => {
				const rule = await asUsage(async () => readRuleFile(opts.rule));
				await withDb(cmd, (db) =>
					asUsage(async () => {
						const saved = await saveList(
							db,
							{ name, description: opts.description, rule },
							{ overwrite: opts.replace }
						);
						const p = await previewList(db, saved.rule, 0);
						if (opts.json) return printJson({ ...saved, members: p.members });
						process.stdout.write(`saved '${saved.name}': ${num(p.members)} customers today\n`);
					})
				);
			}
		);

	lists
		.command('delete')
		.description('delete a saved list (its past exports stay recorded)')
		.argument('<name>', 'list name')
		.action(async (name: string, _opts: unknown, cmd: Command) => {
			await withDb(cmd, (db) =>
				asUsage(async () => {
					await deleteList(db, name);
					process.stdout.write(`deleted '${name}'\n`);
				})
			);
		});

	lists
		.command('export')
		.description(
			'write the members of a saved list to a file; customers without consent for the channel are left ' +
				'out (and counted) unless --include-no-consent. Coded values (segment, lifecycle stage, churn risk, ' +
				'channels) are written as names in --lang with a <column>_code column beside them; money is rounded to ' +
				'the currency (setting currency), probabilities to 3 decimals; CSV is UTF-8 with a BOM (Excel). ' +
				'Names, emails and phones only with --contact or when --columns lists them'
		)
		.argument('<name>', 'list name')
		.requiredOption('--out <file>', 'file to write')
		.option('--format <fmt>', `file format: ${EXPORT_FORMATS.join(', ')}`, 'csv')
		.option(
			'--channel <channel>',
			`contact channel whose consent is required: ${CHANNELS.join(', ')}`,
			'email'
		)
		.option(
			'--columns <list>',
			`comma-separated columns (default ${DEFAULT_EXPORT_COLUMNS.join(',')}); available: ${EXPORT_COLUMNS.map((c) => c.key).join(',')}`
		)
		.option('--include-no-consent', 'keep customers without consent for the channel')
		.option('--contact', `add the contact columns (personal data: ${CONTACT_COLUMN_KEYS.join(', ')})`)
		.option('--lang <lang>', `language of the names of coded values: ${LANGS.join(', ')}`, 'en')
		.option('--json', 'print JSON')
		.action(
			async (
				name: string,
				opts: {
					out: string;
					format: string;
					channel: string;
					columns?: string;
					includeNoConsent?: boolean;
					contact?: boolean;
					lang: string;
					json?: boolean;
				},
				cmd: Command
			) => {
				if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) {
					throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, got '${opts.format}'`);
				}
				if (!(CHANNELS as readonly string[]).includes(opts.channel)) {
					throw new UsageError(`--channel must be one of ${CHANNELS.join(', ')}, got '${opts.channel}'`);
				}
				if (!isLang(opts.lang)) {
					throw new UsageError(`--lang must be one of ${LANGS.join(', ')}, got '${opts.lang}'`);
				}
				const lang = opts.lang;
				const out = resolve(opts.out);
				if (!existsSync(dirname(out))) {
					throw new UsageError(
						`the folder ${dirname(out)} does not exist; create it or choose another --out`
					);
				}
				let columns = opts.columns
					?.split(',')
					.map((c) => c.trim())
					.filter(Boolean);
				if (opts.contact) {
					const base = columns ?? DEFAULT_EXPORT_COLUMNS;
					columns = [base[0]!, ...CONTACT_COLUMN_KEYS.filter((c) => !base.includes(c)), ...base.slice(1)];
				}
				await withDb(cmd, (db) =>
					asUsage(async () => {
						const s = await getList(db, name);
						const r = await exportList(db, {
							rule: s.rule,
							listName: s.name,
							file: out,
							format: opts.format as ExportFormat,
							channel: opts.channel as Channel,
							columns,
							requireConsent: !opts.includeNoConsent,
							lang,
							actor: CLI_ACTOR
						});
						if (opts.json) return printJson(r);
						process.stdout.write(
							`export ${r.exportId}: ${num(r.members)} customers written to ${r.file} (${r.format})\n` +
								(r.requireConsent && r.channel !== 'none'
									? `matched ${num(r.matched)}; left out without ${r.channel} consent: ${num(r.leftOutNoConsent)}\n`
									: `matched ${num(r.matched)}; no consent required\n`) +
								`columns: ${r.fileColumns.join(',')}; names in ${r.lang}; money to ${r.moneyDigits} decimals\n`
						);
					})
				);
			}
		);
}
