import type { Database } from '../db';
import { listExports, type ExportRecord } from './export';
import { previewSegment } from './preview';
import { listSegments, type SavedSegment } from './saved';

/** The saved lists with their size today, and the recent exports: the /lists page. */
export async function listsOverview(
	db: Database
): Promise<{ lists: (SavedSegment & { members: number | null })[]; exports: ExportRecord[] }> {
	const saved = await listSegments(db);
	const lists = [];
	for (const s of saved) {
		const members = await previewSegment(db, s.rule, 0)
			.then((p) => p.members)
			.catch(() => null);
		lists.push({ ...s, members });
	}
	return { lists, exports: (await listExports(db)).slice(0, 20) };
}
