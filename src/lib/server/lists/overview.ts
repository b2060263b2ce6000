import type { Database } from '../db';
import { listExports, type ExportRecord } from './export';
import { previewList } from './preview';
import { savedLists, type SavedList } from './saved';

/** The saved lists with their size today, and the recent exports: the /lists page. */
export async function listsOverview(
	db: Database
): Promise<{ lists: (SavedList & { members: number | null })[]; exports: ExportRecord[] }> {
	const [saved, exports] = await Promise.all([savedLists(db), listExports(db)]);
	// the lists' sizes are independent counts: they run side by side on the connection pool
	const lists = await Promise.all(
		saved.map(async (s) => ({
			...s,
			members: await previewList(db, s.rule, 0)
				.then((p) => p.members)
				.catch(() => null)
		}))
	);
	return { lists, exports: exports.slice(0, 20) };
}
