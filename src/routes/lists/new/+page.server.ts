import { appDb } from '$lib/server/app-db';
import { EVERYONE, RuleError, parseRule, type Rule } from '$lib/server/lists/rule';
import { builderData } from '../builder-data';
import type { PageServerLoad } from './$types';

/**
 * /lists/new?rule=<JSON>&name=<suggested name>: the builder, started from a rule passed in the URL (how dashboard
 * charts link "save as list"). A rule that does not pass the checks is shown as an error, with an empty rule.
 */
export const load: PageServerLoad = async ({ url }) => {
	const raw = url.searchParams.get('rule');
	let rule: Rule = EVERYONE;
	let ruleError: string | null = null;
	if (raw) {
		try {
			rule = parseRule(raw);
		} catch (e) {
			ruleError = e instanceof RuleError ? e.issues.join('; ') : String(e);
		}
	}
	return {
		...(await builderData(await appDb())),
		rule,
		ruleError,
		name: (url.searchParams.get('name') ?? '').slice(0, 120)
	};
};
