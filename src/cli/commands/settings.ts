import type { Command } from 'commander';
import {
	CURRENCY_PRESETS,
	SettingError,
	currencySetting,
	getSetting,
	setCurrency,
	setSetting,
	type Database
} from '../../lib/server/db';
import {
	PURCHASE_MODEL_SETTINGS,
	isPurchaseModelSetting,
	purchaseModelSetting
} from '../../lib/server/models/selection';
import { refreshDerived } from '../../lib/server/pipeline';
import { recordAudit } from '../../lib/server/auth/audit';
import { CLI_ACTOR, printJson, UsageError, withDb } from '../util';

/** What `crm settings set` may change, each with how its value is checked and what follows the change. */
const SETTABLE: Record<
	string,
	{ help: string; set: (db: Database, value: string) => Promise<string>; refresh: boolean }
> = {
	currency: {
		help: `the currency every amount is in (ISO 4217: ${CURRENCY_PRESETS.join(', ')}, ...); display only`,
		set: async (db, value) => (await setCurrency(db, value)).code,
		refresh: false
	},
	inactivity_days: {
		help: 'days without a purchase after which a customer counts as churned (1-3650); rebuilds the derived tables',
		set: async (db, value) => {
			const n = Number(value);
			if (!Number.isInteger(n) || n < 1 || n > 3650)
				throw new SettingError(
					`inactivity_days must be a whole number of days from 1 to 3650, got '${value}'`
				);
			await setSetting(db, 'inactivity_days', String(n));
			return String(n);
		},
		refresh: true
	},
	purchase_model: {
		help: `the purchase model behind P(alive), churn band and CLV: ${PURCHASE_MODEL_SETTINGS.join(' | ')} (auto = the smallest holdout error, the default); rebuilds the models`,
		set: async (db, value) => {
			if (!isPurchaseModelSetting(value))
				throw new SettingError(
					`purchase_model must be one of ${PURCHASE_MODEL_SETTINGS.join(', ')}, got '${value}'`
				);
			await setSetting(db, 'purchase_model', value);
			return value;
		},
		refresh: true
	}
};

interface SettingRow {
	key: string;
	value: string;
	note: string;
}

async function listSettings(db: Database): Promise<SettingRow[]> {
	const currency = await currencySetting(db);
	const source = {
		default: 'the default',
		preset: "set by the file's layout",
		user: 'set by a person'
	}[currency.source];
	return [
		{ key: 'currency', value: currency.code, note: source },
		{
			key: 'inactivity_days',
			value: (await getSetting(db, 'inactivity_days')) ?? '90',
			note: 'churn window in days'
		},
		{
			key: 'purchase_model',
			value: await purchaseModelSetting(db),
			note: 'auto = the purchase model with the smallest holdout error'
		},
		{
			key: 'timezone',
			value: (await getSetting(db, 'timezone')) ?? 'Asia/Ho_Chi_Minh',
			note: 'days and months are counted in this zone (fixed once data is loaded)'
		}
	];
}

function printRows(rows: SettingRow[]): void {
	const width = Math.max(...rows.map((r) => r.key.length));
	const valueWidth = Math.max(...rows.map((r) => r.value.length));
	for (const r of rows)
		process.stdout.write(`${r.key.padEnd(width)}  ${r.value.padEnd(valueWidth)}  ${r.note}\n`);
}

/** `crm settings`: the database's settings (currency, churn window, time zone); `crm settings set KEY VALUE`. */
export function registerSettings(program: Command): void {
	const settings = program
		.command('settings')
		.description("show the database's settings: currency, churn window, time zone")
		.option('--json', 'print JSON: [{ key, value, note }]')
		.action(async (opts: { json?: boolean }, cmd: Command) => {
			await withDb(cmd, async (db) => {
				const rows = await listSettings(db);
				if (opts.json) printJson(rows);
				else printRows(rows);
			});
		});
	settings
		.command('set <key> <value>')
		.description(
			`change a setting: ${Object.entries(SETTABLE)
				.map(([k, s]) => `${k} (${s.help})`)
				.join('; ')}`
		)
		.action(async (key: string, value: string, _opts: unknown, cmd: Command) => {
			const setting = SETTABLE[key];
			if (!setting) {
				throw new UsageError(`unknown setting '${key}'; you can set: ${Object.keys(SETTABLE).join(', ')}`);
			}
			await withDb(cmd, async (db) => {
				let stored: string;
				try {
					stored = await setting.set(db, value);
				} catch (e) {
					if (e instanceof SettingError) throw new UsageError(e.message);
					throw e;
				}
				await recordAudit(db, { action: 'settings', actor: CLI_ACTOR, target: key, detail: stored });
				process.stdout.write(`${key} = ${stored}\n`);
				if (setting.refresh) {
					const steps = await refreshDerived(db);
					const built = steps.filter((s) => !s.skipped).map((s) => s.name);
					process.stdout.write(`rebuilt: ${built.join(', ') || 'nothing'}\n`);
				}
			});
		});
}
