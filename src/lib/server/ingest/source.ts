import { createHash } from 'node:crypto';
import {
	closeSync,
	createReadStream,
	createWriteStream,
	mkdtempSync,
	openSync,
	readSync,
	rmSync,
	statSync
} from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { Session } from '../db';
import { CELL_LIMIT_BYTES } from './cells';
import { quoteIdent } from './sqltext';
import { IngestError } from './types';

export type SourceFormat = 'csv' | 'parquet' | 'json';

/**
 * sha256 of the file's bytes (a file twice is recognised by this, whatever its name). Read in 4 MiB pieces into two
 * reused buffers, the next read running while the current piece is hashed: on the 10M-row bench file (827 MiB)
 * 0.56 s instead of 0.9-1.4 s with a read stream of 1 MiB chunks (a new buffer per chunk).
 */
export async function contentHash(file: string): Promise<string> {
	const size = 4 << 20;
	const hash = createHash('sha256');
	const handle = await open(file, 'r');
	try {
		const buffers = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)];
		let position = 0;
		let current = 0;
		let pending = handle.read(buffers[0]!, 0, size, 0);
		for (;;) {
			const { bytesRead, buffer } = await pending;
			if (bytesRead === 0) break;
			position += bytesRead;
			current ^= 1;
			pending = handle.read(buffers[current]!, 0, size, position);
			hash.update(bytesRead === size ? buffer : buffer.subarray(0, bytesRead));
		}
	} finally {
		await handle.close();
	}
	return hash.digest('hex');
}

/** The text encodings told apart before reading; DuckDB reads UTF-8 only. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** The file DuckDB reads and the content's hash (see prepareSource). */
export interface PreparedSource {
	/** The file itself, or a UTF-8 copy of it in the OS temp folder (removed by cleanup). */
	path: string;
	/** The encoding the file was written in; anything but utf-8 was converted. */
	encoding: TextEncoding;
	/** sha256 of the content as DuckDB reads it: decompressed and in UTF-8. */
	hash: Promise<string>;
	/** For a gzip file: sha256 of its compressed bytes, the content hash before #20 (recognises older ingests). */
	legacyHash?: string;
	cleanup: () => void;
}

const SAMPLE = 1 << 20;

/**
 * The encoding of a text file from its first bytes: a UTF-16 byte order mark, or UTF-16's zero bytes without one
 * (utf16WithoutBom), else Latin-1 (Windows-1252) when the
 * sample has bytes that are not UTF-8 and no UTF-8 character beyond ASCII (a UTF-8 file with a few Latin-1 lines
 * keeps UTF-8: those lines are quarantined as 'malformed row: invalid encoding'), else UTF-8.
 */
export function detectEncoding(sample: Buffer): TextEncoding {
	if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
	if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
	const utf16 = utf16WithoutBom(sample);
	if (utf16) return utf16;
	let ascii = true;
	for (const b of sample) {
		if (b >= 0x80) {
			ascii = false;
			break;
		}
	}
	if (ascii) return 'utf-8';
	// stream: a character cut at the end of the sample is not an error
	const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(sample, { stream: true });
	let invalid = 0;
	let other = 0;
	for (const ch of text) {
		if (ch === '\ufffd') invalid++;
		else if (ch.charCodeAt(0) >= 0x80) other++;
	}
	return invalid > 0 && other === 0 ? 'windows-1252' : 'utf-8';
}

/**
 * UTF-16 without a byte order mark, told by its zero bytes: a CSV's text is mostly ASCII (digits, commas, Latin
 * letters), whose UTF-16 code units have a zero high byte, so at least 40% of the first 4 KiB's odd bytes (LE) or
 * even bytes (BE) are zero and almost none of the others. UTF-8 text has no zero bytes at all.
 */
function utf16WithoutBom(sample: Buffer): 'utf-16le' | 'utf-16be' | undefined {
	const pairs = Math.min(sample.length, 4096) >> 1;
	if (pairs < 8) return undefined;
	let evenZero = 0;
	let oddZero = 0;
	for (let i = 0; i < pairs; i++) {
		if (sample[2 * i] === 0) evenZero++;
		if (sample[2 * i + 1] === 0) oddZero++;
	}
	if (oddZero >= 0.4 * pairs && evenZero <= 0.05 * pairs) return 'utf-16le';
	if (evenZero >= 0.4 * pairs && oddZero <= 0.05 * pairs) return 'utf-16be';
	return undefined;
}

/**
 * Gets a file ready for DuckDB in one pass over it:
 * - a gzip file is decompressed to its end (DuckDB reads a truncated .gz up to the cut without complaint, which
 *   would load half a file: a damaged stream is an IngestError), and the hash is the decompressed content's, so
 *   foo.csv and foo.csv.gz are the same content;
 * - a UTF-16 (by its BOM) or Latin-1 text is converted to UTF-8 into a temporary file (streamed, TextDecoder),
 *   hashed as UTF-8, so the same text in another encoding is the same content too;
 * - a plain UTF-8 file is read by DuckDB as it is; its hash (of its bytes, the same as its content) runs while
 *   DuckDB sniffs the file.
 * Parquet is never converted.
 */
export async function prepareSource(file: string): Promise<PreparedSource> {
	const head = firstBytes(file, 4);
	const plain = { path: file, encoding: 'utf-8' as const, cleanup: () => undefined };
	if (head.toString('latin1') === 'PAR1') return { ...plain, hash: contentHash(file) };
	if (head[0] !== 0x1f || head[1] !== 0x8b) {
		const encoding = detectEncoding(firstBytes(file, SAMPLE));
		if (encoding === 'utf-8') return { ...plain, hash: contentHash(file) };
		return convert(file, createReadStream(file, { highWaterMark: 4 << 20 }), encoding);
	}
	const raw = createHash('sha256');
	const input = createReadStream(file, { highWaterMark: 1 << 20 });
	input.on('data', (chunk) => raw.update(chunk as Buffer));
	try {
		const gunzip = input.pipe(createGunzip());
		input.on('error', (e) => gunzip.destroy(e));
		const chunks = gunzip[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
		const sample: Buffer[] = [];
		let sampled = 0;
		let done = false;
		while (sampled < SAMPLE) {
			const next = await chunks.next();
			if (next.done) {
				done = true;
				break;
			}
			sample.push(next.value);
			sampled += next.value.length;
		}
		const rest = async function* (): AsyncGenerator<Buffer> {
			yield* sample;
			if (done) return;
			for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
		};
		const encoding = detectEncoding(Buffer.concat(sample));
		if (encoding !== 'utf-8') {
			const converted = await convert(file, rest(), encoding, true);
			return { ...converted, legacyHash: raw.digest('hex') };
		}
		const hash = createHash('sha256');
		for await (const chunk of rest()) hash.update(chunk);
		return { ...plain, hash: Promise.resolve(hash.digest('hex')), legacyHash: raw.digest('hex') };
	} catch (e) {
		if (e instanceof IngestError) throw e;
		throw damagedGzip(file, e);
	}
}

function damagedGzip(file: string, e: unknown): IngestError {
	return new IngestError(
		`${file} is a damaged gzip file (${e instanceof Error ? e.message : String(e)}): nothing was loaded. ` +
			'Copy or download it again'
	);
}

/** Streams a text in another encoding into a UTF-8 file in the OS temp folder (same name, without .gz). */
async function convert(
	file: string,
	chunks: AsyncIterable<Buffer>,
	encoding: TextEncoding,
	gzip = false
): Promise<PreparedSource> {
	const dir = mkdtempSync(join(tmpdir(), 'crm-ingest-'));
	const cleanup = () => rmSync(dir, { recursive: true, force: true });
	const path = join(dir, basename(file).replace(/\.(gz|gzip)$/i, ''));
	const hash = createHash('sha256');
	const decoder = new TextDecoder(encoding);
	const out = createWriteStream(path);
	try {
		const utf8 = async function* (): AsyncGenerator<Buffer> {
			for await (const chunk of chunks) {
				const text = Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8');
				hash.update(text);
				yield text;
			}
			const tail = Buffer.from(decoder.decode(), 'utf8');
			hash.update(tail);
			yield tail;
		};
		await pipeline(utf8, out);
	} catch (e) {
		cleanup();
		if (gzip) throw damagedGzip(file, e);
		throw new IngestError(
			`cannot convert ${file} from ${encoding} to UTF-8 (${e instanceof Error ? e.message : String(e)}). ` +
				`Convert it first, e.g. iconv -f ${encoding.toUpperCase()} -t UTF-8 ${basename(file)} > utf8.csv`
		);
	}
	return { path, encoding, hash: Promise.resolve(hash.digest('hex')), cleanup };
}

function firstBytes(file: string, n: number): Buffer {
	const head = Buffer.alloc(n);
	const fd = openSync(file, 'r');
	try {
		const read = readSync(fd, head, 0, n, 0);
		if (read < n) return head.subarray(0, read);
	} finally {
		closeSync(fd);
	}
	return head;
}

/** The format from the file's first bytes (Parquet's PAR1 magic), then its extension; CSV otherwise. */
export function detectFormat(file: string): SourceFormat {
	if (firstBytes(file, 4).toString('latin1') === 'PAR1') return 'parquet';
	const name = file.toLowerCase().replace(/\.(gz|gzip|zst)$/, '');
	if (name.endsWith('.parquet')) return 'parquet';
	if (/\.(json|ndjson|jsonl)$/.test(name)) return 'json';
	return 'csv';
}

/** Checks that the file exists and has bytes; a clear message instead of DuckDB's. */
export function checkReadable(file: string): number {
	let size: number;
	try {
		const st = statSync(file);
		if (!st.isFile()) throw new IngestError(`${file} is not a file`);
		size = st.size;
	} catch (e) {
		if (e instanceof IngestError) throw e;
		throw new IngestError(`cannot read ${file}: no such file (check the path)`);
	}
	if (size === 0) throw new IngestError(`${file} is empty (0 bytes): nothing to ingest`);
	return size;
}

export const REJECTS_TABLE = 'ingest_rejects';
export const REJECTS_SCAN = 'ingest_reject_scans';
/** The lenient NDJSON reader's lines and loadable rows (see readNdjsonLeniently). */
export const JSON_LINES = 'ingest_json_lines';
export const JSON_ROWS = 'ingest_json_rows';

export const isNdjson = (file: string): boolean => /\.(ndjson|jsonl)(\.gz)?$/i.test(file);

/**
 * The lenient reader of an NDJSON file the strict reader refuses (a line that is not JSON): like the CSV reader's
 * store_rejects, every line that is not a JSON object goes to the rejects table (`malformed row: invalid json`,
 * `malformed row: not an object`, with its record number and text) and the other lines to temp.ingest_json_rows,
 * one VARCHAR column per key (keys in order of first appearance), in file order; readerSql(json, lenient) reads
 * that table. Returns the keys whose values are all JSON numbers (read with a decimal point, as a typed column).
 */
export async function readNdjsonLeniently(s: Session, file: string): Promise<Set<string>> {
	// One line per row: no delimiter or quote a JSON line can hold unescaped (a raw control character is invalid
	// JSON, and then the line is rejected). Record numbers skip blank lines, as read_json does.
	await s.exec(
		`CREATE OR REPLACE TEMP TABLE ${JSON_LINES} AS
		SELECT row_number() OVER () AS line, j,
			CASE WHEN json_valid(j) THEN json_type(j::JSON) = 'OBJECT' ELSE false END AS ok
		FROM read_csv($file, columns = {'j': 'VARCHAR'}, header = false, delim = E'\\x01', quote = '', escape = '',
			auto_detect = false, strict_mode = false, max_line_size = 16777216, buffer_size = 33554432)
		WHERE trim(j) <> ''`,
		{ file }
	);
	await s.exec(
		`CREATE OR REPLACE TEMP TABLE ${REJECTS_TABLE} AS
		SELECT line, CASE WHEN json_valid(j) THEN 'NOT AN OBJECT' ELSE 'INVALID JSON' END AS error_type,
			0 AS column_idx, j AS csv_line,
			CASE WHEN json_valid(j) THEN 'a JSON value that is not an object' ELSE 'not valid JSON' END AS error_message
		FROM ${JSON_LINES} WHERE NOT ok`
	);
	const keyRows = await s.sql<{ key: string }>(
		`SELECT key FROM (SELECT line, unnest(json_keys(j)) AS key, generate_subscripts(json_keys(j), 1) AS i
			FROM ${JSON_LINES} WHERE ok) GROUP BY key ORDER BY min(line * 1000000 + i)`
	);
	const keys = keyRows.map((r) => r.key);
	// JSON pointers (RFC 6901), bound: the keys are the file's text.
	const paths = keys.map((k) => '/' + k.replace(/~/g, '~0').replace(/\//g, '~1'));
	const projection = keys.length
		? keys.map((k, i) => `v[${i + 1}] AS ${quoteIdent(k)}`).join(', ')
		: 'NULL::VARCHAR AS json';
	await s.exec(
		`CREATE OR REPLACE TEMP TABLE ${JSON_ROWS} AS
		SELECT ${projection} FROM (SELECT json_extract_string(j, $paths::JSON::VARCHAR[]) AS v
			FROM ${JSON_LINES} WHERE ok ORDER BY line)`,
		{ paths: JSON.stringify(paths) }
	);
	if (keys.length === 0) return new Set();
	const numeric = await s.sql<{ i: number }>(
		`SELECT i FROM (SELECT unnest(range(1, len($paths::JSON::VARCHAR[]) + 1)) AS i, unnest(json_type(j, $paths::JSON::VARCHAR[])) AS t
			FROM ${JSON_LINES} WHERE ok) GROUP BY i
		HAVING bool_and(t IS NULL OR t IN ('NULL', 'BIGINT', 'UBIGINT', 'DOUBLE'))
			AND bool_or(t IN ('BIGINT', 'UBIGINT', 'DOUBLE'))`,
		{ paths: JSON.stringify(paths) }
	);
	return new Set(numeric.map((r) => keys[Number(r.i) - 1]!));
}

/**
 * The table expression that reads the file ($file is bound) with every column as VARCHAR, so that parsing and
 * validation happen in our SQL and no value is lost to a reader's type guess. `lenient` CSV reading stores rows
 * the reader cannot split (ragged, bad UTF-8) in the rejects table instead of failing.
 */
export function readerSql(format: SourceFormat, file: string, lenient = false): string {
	// $file is bound by every statement that reads the source (the queries' comments name it), so it is used here too.
	if (format === 'json' && lenient)
		return `(SELECT * FROM temp.${JSON_ROWS} WHERE $file::VARCHAR IS NOT NULL)`;
	if (format !== 'csv') return `(SELECT CAST(COLUMNS(*) AS VARCHAR) FROM ${typedReaderSql(format, file)})`;
	const rejects = lenient
		? `, store_rejects = true, rejects_table = '${REJECTS_TABLE}', rejects_scan = '${REJECTS_SCAN}'`
		: '';
	// Lines up to 16 MiB (a huge cell is data, not an error). The reader's buffer defaults to 16 x max_line_size
	// (256 MiB here), which left a large file in a handful of buffers: few threads, and every sniff read a whole
	// buffer. 32 MiB (the default buffer for the default 2 MB lines) keeps both: on the 10M-row bench file a full
	// read took 3.7 s CPU instead of 8.0 s, and a sniff 0.2 s instead of 1.4-2.2 s.
	return `read_csv($file, all_varchar = true, max_line_size = ${MAX_LINE_BYTES}, buffer_size = 33554432${rejects})`;
}

/** Parquet and JSON readers with the file's own column types ($file is bound). */
function typedReaderSql(format: 'parquet' | 'json', file: string): string {
	if (format === 'parquet') return 'read_parquet($file)';
	return `read_json($file, format = '${isNdjson(file) ? 'newline_delimited' : 'auto'}')`;
}

/**
 * The columns a Parquet or JSON file stores as numbers (their text is always 1234.5: a DECIMAL(10,3) 1.5 reads as
 * '1.500', which is no thousands separator). None for CSV, whose cells are all text.
 */
export async function numericColumns(s: Session, format: SourceFormat, file: string): Promise<Set<string>> {
	if (format === 'csv') return new Set();
	const rows = await s.sql<{ column_name: string; column_type: string }>(
		`DESCRIBE SELECT * FROM ${typedReaderSql(format, file)}`,
		{ file }
	);
	const numeric =
		/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/;
	return new Set(rows.filter((r) => numeric.test(r.column_type)).map((r) => r.column_name));
}

/** The column names the reader sees, or an IngestError saying why the file cannot be read. */
export async function sourceColumns(
	s: Session,
	format: SourceFormat,
	file: string,
	lenient = false,
	shownName = file
): Promise<string[]> {
	try {
		const rows = await s.sql<{ column_name: string }>(
			`DESCRIBE SELECT * FROM ${readerSql(format, file, lenient)}`,
			{
				file
			}
		);
		return rows.map((r) => r.column_name);
	} catch (e) {
		throw readError(format, shownName, e, file);
	}
}

/** DuckDB's longest CSV line (max_line_size in readerSql): 16 MiB. */
export const MAX_LINE_BYTES = 16_777_216;

/**
 * Turns a reader failure into a message that says what is wrong with the file. `readPath` is the file DuckDB read
 * (a UTF-8 copy, see prepareSource), where a line over the line limit is looked for.
 */
export function readError(format: SourceFormat, file: string, e: unknown, readPath = file): IngestError {
	const full = e instanceof Error ? e.message : String(e);
	const tooLong = /Maximum line size of \d+ bytes exceeded\. Actual Size:\s*(\d+)/.exec(full);
	if (format === 'csv' && tooLong) return lineTooLong(file, readPath, Number(tooLong[1]));
	const msg = full.split('\n')[0] ?? '';
	const what = { csv: 'a CSV/TSV file', parquet: 'a Parquet file', json: 'JSON or NDJSON' }[format];
	return new IngestError(
		`cannot read ${file} as ${what}: ${msg}. Check that the file is complete and in that format`
	);
}

/**
 * DuckDB renames a repeated header name (case ignored) to name_1, name_2, ...; detection would then take the first
 * one silently. When the reader's names look renamed, the header line is read as it is written, and a file with a
 * repeated name is refused, unless --map picks one column of each repeated name (by the reader's name).
 */
export async function checkDuplicateHeaders(
	s: Session,
	file: string,
	columns: string[],
	map: Record<string, string> = {},
	shownName = file
): Promise<void> {
	const lower = new Set(columns.map((c) => c.toLowerCase()));
	const renamed = columns.some((c) => {
		const m = /^(.*)_\d+$/.exec(c);
		return m !== null && lower.has(m[1]!.toLowerCase());
	});
	if (!renamed) return;
	let header: string[];
	try {
		const sniff = await s.sql<{ HasHeader: boolean; SkipRows: number; Delimiter: string; Quote: string }>(
			'SELECT HasHeader, SkipRows, Delimiter, Quote FROM sniff_csv($file)',
			{ file }
		);
		const r = sniff[0];
		if (!r?.HasHeader) return;
		const rows = await s.sql<Record<string, string | null>>(
			`SELECT * FROM read_csv($file, header = false, all_varchar = true, skip = $skip::BIGINT, delim = $delim,
				quote = $quote, max_line_size = 16777216, buffer_size = 33554432, strict_mode = false) LIMIT 1`,
			{
				file,
				skip: Number(r.SkipRows),
				delim: r.Delimiter,
				quote: r.Quote === '(empty)' ? '' : r.Quote
			}
		);
		header = Object.values(rows[0] ?? {}).map((v) => (v ?? '').trim());
	} catch {
		return;
	}
	if (header.length !== columns.length) return;
	const groups = new Map<string, number[]>();
	header.forEach((name, i) => {
		const key = name.toLowerCase();
		groups.set(key, [...(groups.get(key) ?? []), i]);
	});
	const mapped = new Set(Object.values(map));
	const repeated = [...groups.values()].filter(
		(at) => at.length > 1 && !at.some((i) => mapped.has(columns[i]!))
	);
	if (repeated.length === 0) return;
	const described = repeated.map(
		(at) =>
			`'${header[at[0]!]}' at columns ${at.map((i) => i + 1).join(', ')} (read as ${at.map((i) => columns[i]).join(', ')})`
	);
	const example = repeated[0]!;
	throw new IngestError(
		`${shownName} has repeated column names: ${described.join('; ')}. Only one column can feed a field: rename ` +
			`the columns in the header line, or pick one with --map <field>=<name as read>, e.g. ` +
			`--map <field>=${columns[example[1]!]}`
	);
}

/** Lines before the first data row: the header line (when the sniffer found one) and any skipped lines. */
export async function csvLineOffset(s: Session, file: string): Promise<number> {
	try {
		const rows = await s.sql<{ HasHeader: boolean; SkipRows: number }>(
			'SELECT HasHeader, SkipRows FROM sniff_csv($file)',
			{ file }
		);
		const r = rows[0];
		return r ? Number(r.SkipRows) + (r.HasHeader ? 1 : 0) : 1;
	} catch {
		return 1;
	}
}

/**
 * A CSV line over DuckDB's line limit (max_line_size, MAX_LINE_BYTES) fails the whole read with "CSV Error on Line:
 * 1" (the sniffer's count). The message names the limit, the size, and the line (counted here by newlines).
 */
function lineTooLong(file: string, readPath: string, bytes: number): IngestError {
	const line = firstLongLine(readPath, MAX_LINE_BYTES);
	const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;
	return new IngestError(
		`cannot read ${file}: ${line ? `line ${line.toLocaleString('en')}` : 'a line'} is ${mib(bytes)} ` +
			`(${bytes.toLocaleString('en')} bytes), over the CSV line limit of ${mib(MAX_LINE_BYTES)} ` +
			`(DuckDB's max_line_size). Nothing was loaded. Such a line holds a cell no field can use: remove or shorten ` +
			`it (a cell over ${CELL_LIMIT_BYTES / 1024} KiB is quarantined as 'cell too large')`
	);
}

/** The 1-based number of the first line (by newlines) longer than `limit` bytes, or undefined. */
function firstLongLine(file: string, limit: number): number | undefined {
	const chunk = Buffer.allocUnsafe(4 << 20);
	const fd = openSync(file, 'r');
	try {
		let line = 1;
		let length = 0;
		for (let position = 0; ;) {
			const read = readSync(fd, chunk, 0, chunk.length, position);
			if (read === 0) return length > limit ? line : undefined;
			position += read;
			for (let i = 0, nl = chunk.indexOf(10); ; nl = chunk.indexOf(10, i)) {
				if (nl === -1 || nl >= read) {
					length += read - i;
					break;
				}
				if (length + (nl - i) > limit) return line;
				line++;
				length = 0;
				i = nl + 1;
			}
			if (length > limit) return line;
		}
	} finally {
		closeSync(fd);
	}
}

/** A physical line (1-based, header included) with an odd number of double quotes, and its first characters. */
export interface UnpairedQuote {
	line: number;
	text: string;
}

/**
 * The lines of a CSV with an unpaired double quote, when the file's other quoted lines pair theirs (at most `max`).
 * One such quote makes DuckDB's sniffer give up quoting for the whole file: every quoted cell with a delimiter in it
 * then splits, and those rows are rejected. Counted by physical lines, so a quoted cell over several lines is not
 * told apart from a stray quote; only asked after the lenient reader rejected lines (checkStrayQuotes in ingest.ts).
 */
export function unpairedQuotes(file: string, max = 5): UnpairedQuote[] {
	const chunk = Buffer.allocUnsafe(4 << 20);
	const fd = openSync(file, 'r');
	const found: UnpairedQuote[] = [];
	let paired = 0;
	try {
		let line = 1;
		let quotes = 0;
		let start: Buffer[] = [];
		let startBytes = 0;
		const endLine = () => {
			if (quotes % 2 === 1 && found.length < max)
				found.push({ line, text: Buffer.concat(start).toString('utf8', 0, Math.min(startBytes, 80)) });
			else if (quotes > 0 && quotes % 2 === 0) paired++;
			line++;
			quotes = 0;
			start = [];
			startBytes = 0;
		};
		for (let position = 0; ;) {
			const read = readSync(fd, chunk, 0, chunk.length, position);
			if (read === 0) break;
			position += read;
			let from = 0;
			for (let i = 0; i < read; i++) {
				const b = chunk[i];
				if (b === 34) quotes++;
				else if (b === 10) {
					if (startBytes < 80) start.push(Buffer.from(chunk.subarray(from, i)));
					startBytes += i - from;
					endLine();
					from = i + 1;
				}
			}
			if (startBytes < 80 && from < read) start.push(Buffer.from(chunk.subarray(from, read)));
			startBytes += read - from;
		}
		if (startBytes > 0 || quotes > 0) endLine();
	} finally {
		closeSync(fd);
	}
	return paired > 0 ? found : [];
}
