import { translate } from '../../i18n/catalog';
import type { Lang } from '../../i18n/format';
import type { CampaignLift } from './results';

const points = (x: number | null) => (x === null ? '-' : (x * 100).toFixed(2));

/** The results in one plain sentence (the messages 'campaigns.verdict.*'), for the CLI and the page alike. */
export function verdictText(lift: CampaignLift, lang: Lang = 'en'): string {
	return translate(lang, `campaigns.verdict.${lift.verdict}`, {
		lift: points(lift.conversionLift === null ? null : Math.abs(lift.conversionLift)),
		low: points(lift.conversionLiftLow),
		high: points(lift.conversionLiftHigh),
		mde: points(lift.minimumDetectableLift)
	});
}
