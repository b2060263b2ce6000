import type { Database, Session } from './database';

/** Anything that runs SQL: the database (one pooled session a call) or a session inside a transaction. */
type Runner = Pick<Database | Session, 'sql' | 'exec'>;

export async function getSetting(db: Runner, key: string): Promise<string | undefined> {
	const rows = await db.sql<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
	return rows[0]?.value;
}

export async function setSetting(db: Runner, key: string, value: string): Promise<void> {
	await db.exec('INSERT OR REPLACE INTO settings (key, value) VALUES ($1, $2)', [key, value]);
}

/** The zone in which timestamps become days, weeks and months (default Asia/Ho_Chi_Minh). */
export async function businessTimeZone(db: Runner): Promise<string> {
	return (await getSetting(db, 'timezone')) ?? 'Asia/Ho_Chi_Minh';
}

/**
 * Settings that only change how values are shown, never what the derived tables hold: the registry leaves them out
 * of the settings version (derived/registry.ts), so changing the currency rebuilds nothing.
 */
export const DISPLAY_SETTINGS = ['currency', 'currency_source'] as const;

/** The currencies offered first (the settings page, `crm settings`); any ISO 4217 code Intl knows is accepted. */
export const CURRENCY_PRESETS = ['VND', 'USD', 'GBP', 'EUR'] as const;
export const DEFAULT_CURRENCY = 'VND';

/** Where the currency came from: 'default' (the schema's VND), 'preset' (a file's layout says it), 'user'. */
export type CurrencySource = 'default' | 'preset' | 'user';

export interface CurrencySetting {
	code: string;
	source: CurrencySource;
}

const knownCurrencies = new Set(
	(Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('currency') ??
		CURRENCY_PRESETS
);

/** An upper-case ISO 4217 code, or an error that says what to write. */
export function parseCurrency(input: string): string {
	const code = input.trim().toUpperCase();
	if (!/^[A-Z]{3}$/.test(code) || !knownCurrencies.has(code)) {
		throw new SettingError(
			`'${input}' is not a currency code: use an ISO 4217 code such as ${CURRENCY_PRESETS.join(', ')}`
		);
	}
	return code;
}

export class SettingError extends Error {}

/** The money of this database: the code every amount is in, and who chose it. */
export async function currencySetting(db: Runner): Promise<CurrencySetting> {
	const rows = await db.sql<{ key: string; value: string }>(
		"SELECT key, value FROM settings WHERE key IN ('currency', 'currency_source')"
	);
	const value = (k: string) => rows.find((r) => r.key === k)?.value;
	const code = value('currency') ?? DEFAULT_CURRENCY;
	const source = value('currency_source');
	return {
		code: knownCurrencies.has(code) ? code : DEFAULT_CURRENCY,
		source: source === 'preset' || source === 'user' ? source : 'default'
	};
}

/** A person sets the currency (`crm settings set currency GBP`, the settings page): presets no longer change it. */
export async function setCurrency(db: Runner, input: string): Promise<CurrencySetting> {
	const code = parseCurrency(input);
	await setSetting(db, 'currency', code);
	await setSetting(db, 'currency_source', 'user');
	return { code, source: 'user' };
}

/**
 * A file whose layout says its money (the Online Retail preset: GBP) sets the currency, unless a person chose one.
 * Returns the currency now in force.
 */
export async function adoptPresetCurrency(db: Runner, code: string): Promise<CurrencySetting> {
	const now = await currencySetting(db);
	if (now.source === 'user' || now.code === code) return now;
	await setSetting(db, 'currency', code);
	await setSetting(db, 'currency_source', 'preset');
	return { code, source: 'preset' };
}
