import type { Session } from '../db';
import { quoteIdent, renderQuery } from './sqltext';
import type { CheckContext } from './check';

/** File columns that name a product (compared lower case, without spaces, dashes and underscores). */
const NAME_COLUMNS = ['description', 'productname', 'itemname', 'productdescription', 'productdesc'];

const bare = (c: string): string => c.toLowerCase().replace(/[\s_-]/g, '');

/**
 * Keeps the product names of an interactions file (Online Retail's Description) in product_names, when the file
 * has a product id column and a name column: the product pages show names instead of codes. Runs in the ingest's
 * transaction, after the rows are written.
 */
export async function recordProductNames(
	s: Session,
	ctx: CheckContext,
	columns: Record<string, string>
): Promise<void> {
	const product = columns.product_id;
	const name = ctx.columns.find((c) => NAME_COLUMNS.includes(bare(c)) && c !== product);
	if (product === undefined || name === undefined) return;
	const parts = { source: ctx.source, product: quoteIdent(product), name: quoteIdent(name) };
	await s.exec(renderQuery('ingest_product_names', parts), { file: ctx.file });
}
