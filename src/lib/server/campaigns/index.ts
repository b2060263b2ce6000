export * from './campaigns';
export * from './channels';
export { launchCampaign } from './launch';
export {
	campaignResults,
	liftOf,
	VERDICTS,
	type CampaignResults,
	type CampaignLift,
	type GroupResult,
	type DailyConversion,
	type Verdict
} from './results';
export { exportCampaign, listCampaignExports, type CampaignExport } from './export';
export { verdictText } from './verdict';
