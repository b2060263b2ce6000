import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { appDb } from '$lib/server/app-db';
import { calendarDate } from '$lib/server/dates';
import { parseQuery, rowsResponse } from '$lib/server/api/respond';
import { cachedValidation, defaultSplit, validationRows } from '$lib/server/customers/model-validation';
import { PURCHASE_MODELS } from '$lib/server/models/validate';
import type { RequestHandler } from './$types';

const schema = z.object({
	model: z.enum(PURCHASE_MODELS).default('bgnbd'),
	calibration_end: calendarDate.optional(),
	holdout_end: calendarDate.optional()
});

/**
 * GET /api/models/validation?model=bgnbd&calibration_end=&holdout_end=: the calibration-vs-holdout check (default
 * split: the last third of the history, 4 to 52 weeks). Rows: series 'summary' (status, totals, MAE), 'by_purchases'
 * (mean holdout purchases by calibration repeat purchases), 'cumulative' (repeat purchases by holdout week).
 */
export const GET: RequestHandler = async ({ url }) => {
	const q = await parseQuery(url, schema);
	const db = await appDb();
	const fallback = await defaultSplit(db, q.model);
	const calibrationEnd = q.calibration_end ?? fallback?.calibrationEnd;
	const holdoutEnd = q.holdout_end ?? fallback?.holdoutEnd;
	if (!calibrationEnd || !holdoutEnd) {
		error(400, 'not enough purchase history for a holdout check: give calibration_end and holdout_end');
	}
	if (holdoutEnd <= calibrationEnd) {
		error(
			400,
			`bad parameter: holdout_end (${holdoutEnd}) must be after calibration_end (${calibrationEnd})`
		);
	}
	const result = await cachedValidation(db, { model: q.model, calibrationEnd, holdoutEnd });
	return rowsResponse(url, validationRows(result));
};
