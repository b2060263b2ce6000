import type { Session } from '../db';

/** The interactions a build took in: the newest ingest id and the number of rows up to it. */
export interface Through {
	ingest_id: number;
	rows: number;
}

/**
 * What interactions hold now (to record as `through`), and the ingest id after which an entry built from `last` can
 * be brought up to date customer by customer, or null for a rebuild of every customer. The part-way update needs a
 * last build that recorded what it took in (the caller passes undefined when the build was forced or had another
 * definition), and those rows all still there, unchanged in number (crm demo --replace, for one, deletes them). Rows
 * of later ingests are what is new. One scan of interactions.
 */
export async function intake(s: Session, last: unknown): Promise<{ through: Through; since: number | null }> {
	const built = isThrough(last) ? last : undefined;
	const [row] = await s.sql<{ k: number; n: number; kept: number }>(
		`SELECT coalesce(max(ingest_id), 0) AS k, count(*) AS n,
			count(*) FILTER (WHERE coalesce(ingest_id, 0) <= $built::BIGINT) AS kept
		 FROM interactions`,
		{ built: built?.ingest_id ?? null }
	);
	const through = { ingest_id: Number(row?.k ?? 0), rows: Number(row?.n ?? 0) };
	return { through, since: built && Number(row?.kept) === built.rows ? built.ingest_id : null };
}

function isThrough(v: unknown): v is Through {
	return typeof v === 'object' && v !== null && typeof (v as Through).ingest_id === 'number';
}
