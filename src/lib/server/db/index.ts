export {
	Database,
	DatabaseCorruptedError,
	DatabaseInUseError,
	Session,
	usedParams,
	type OpenOptions,
	type Params,
	type Row
} from './database';
export { loadQuery } from './queries';
export { StatementTimeoutError, withStatementBudget, withoutStatementBudget, budgetExceeded } from './budget';
export { defaultDbPath, projectRoot, queriesDir } from './paths';
export { latestSchemaVersion, currentSchemaVersion } from './schema';
export {
	getSetting,
	setSetting,
	businessTimeZone,
	currencySetting,
	setCurrency,
	adoptPresetCurrency,
	parseCurrency,
	SettingError,
	CURRENCY_PRESETS,
	DISPLAY_SETTINGS,
	type CurrencySetting
} from './settings';
