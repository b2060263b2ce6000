import type { Command } from 'commander';
import { registerStatus } from './status';
import { registerSummary } from './summary';
import { registerRfm } from './rfm';
import { registerIngest } from './ingest';
import { registerDemo } from './demo';
import { registerList } from './list';
import { registerCampaign } from './campaign';
import { registerFit } from './fit';
import { registerPredict } from './predict';
import { registerValidate } from './validate';
import { registerKpis } from './kpis';
import { registerCohorts } from './cohorts';
import { registerRefresh } from './refresh';
import { registerSettings } from './settings';
import { registerGoal } from './goal';
import { registerAlerts } from './alerts';
import { registerUser } from './user';
import { registerAudit } from './audit';
import { registerAffinity } from './affinity';
import { registerRecommend } from './recommend';

/** Every subcommand registers itself here; each lives in its own file and calls src/lib/server. */
export const commands: ((program: Command) => void)[] = [
	registerStatus,
	registerIngest,
	registerDemo,
	registerList,
	registerCampaign,
	registerFit,
	registerPredict,
	registerValidate,
	registerSummary,
	registerRfm,
	registerKpis,
	registerCohorts,
	registerRefresh,
	registerSettings,
	registerGoal,
	registerAlerts,
	registerUser,
	registerAudit,
	registerAffinity,
	registerRecommend
];
