/**
 * Progress on stderr: one redrawn line on a terminal, plain lines elsewhere, stdout (and --json) untouched. The
 * commands run in a real pseudo-terminal (util-linux `script`), stdout sent to a file.
 */
/* eslint-disable no-control-regex -- the terminal escape codes (ESC [K) are what these tests check */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { StatusLine, StepProgress, type ProgressStream } from '../../src/cli/progress';
import { tmpRoot } from '../helpers/db';

class Captured implements ProgressStream {
	text = '';
	constructor(
		readonly isTTY: boolean,
		readonly columns = 60
	) {}
	write(s: string) {
		this.text += s;
		return true;
	}
}

describe('StatusLine and StepProgress', () => {
	it('redraw one line on a terminal, erase it before a log line and at the end', () => {
		const out = new Captured(true);
		const line = new StatusLine(out, { tickMs: 10_000 });
		line.show('reading', () => 'a.csv: reading · 10%');
		line.show('reading', () => 'a.csv: reading · 55%');
		line.print('a log message');
		line.stop();
		expect(out.text).toBe(
			'\r\x1b[Ka.csv: reading · 10%\r\x1b[Ka.csv: reading · 55%\r\x1b[Ka log message\n\r\x1b[Ka.csv: reading · 55%\r\x1b[K'
		);
	});

	it('write a plain line per step elsewhere, and nothing when asked not to', () => {
		const out = new Captured(false);
		const line = new StatusLine(out);
		line.show('reading', () => 'a.csv: reading · 10%');
		line.show('reading', () => 'a.csv: reading · 55%');
		line.show('writing', () => 'a.csv: writing · 9 rows');
		line.stop();
		expect(out.text).toBe('a.csv: reading · 10%\na.csv: writing · 9 rows\n');
		const quiet = new Captured(false);
		const steps = new StepProgress(['metrics', 'periods'], quiet);
		steps.begin();
		steps.finished('metrics: 12 ms');
		steps.stop();
		expect(quiet.text).toBe('');
	});

	it('step i/n advances on each finished step and cuts a long line to the terminal width', () => {
		const out = new Captured(true, 30);
		const steps = new StepProgress(['metrics', 'a-very-long-step-name-indeed'], out);
		steps.begin();
		steps.finished('metrics: 12 ms');
		steps.stop();
		expect(out.text).toMatch(
			/^\r\x1b\[Kstep 1\/2 metrics 0\.0 s\r\x1b\[Kstep 2\/2 a-very-long-step-na…\r\x1b\[K$/
		);
	});
});

describe('in a terminal', () => {
	const dir = join(tmpRoot, `progress-${randomUUID()}`);
	const db = join(dir, 'crm.duckdb');
	/** Runs `crm ARGS > out.json` with stderr on a pseudo-terminal; returns what the terminal showed and stdout. */
	function inTerminal(args: string): { terminal: string; stdout: string; status: number | null } {
		const out = join(dir, `${randomUUID()}.out`);
		const cmd = `cd ${dir} && ${process.execPath} ${join(process.cwd(), 'bin', 'crm.js')} --db ${db} ${args} > ${out}`;
		const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', timeout: 120_000 });
		return { terminal: r.stdout, stdout: readFileSync(out, 'utf8'), status: r.status };
	}

	beforeAll(() => mkdirSync(dir, { recursive: true }));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('crm demo and crm refresh show step i/n; --json stays clean', { timeout: 180_000 }, () => {
		const demo = inTerminal('demo --customers 150 --seed 3 --json');
		expect(demo.status, demo.terminal).toBe(0);
		expect(demo.terminal).toMatch(/\r\x1b\[Kstep 1\/\d+ generate \d+\.\d s/);
		expect(demo.terminal).toMatch(/step \d+\/\d+ periods \d+\.\d s/);
		expect(JSON.parse(demo.stdout)).toMatchObject({ customers: 150 });

		const refresh = inTerminal('refresh --only metrics,periods --json');
		expect(refresh.status, refresh.terminal).toBe(0);
		expect(refresh.terminal).toMatch(/step 1\/2 metrics \d+\.\d s/);
		expect(refresh.terminal).toMatch(/step 2\/2 periods \d+\.\d s/);
		expect(refresh.stdout).not.toMatch(/\x1b|step/);
		expect((JSON.parse(refresh.stdout) as { name: string }[]).map((t) => t.name)).toEqual([
			'metrics',
			'periods'
		]);
	});

	it(
		'crm ingest redraws "file: phase · rows · elapsed"; the report goes to stdout',
		{ timeout: 120_000 },
		() => {
			const file = join(dir, 'more.csv');
			writeFileSync(file, 'customer_id,occurred_at,amount\nt1,2025-12-01,5\nt2,2025-12-02,six\n');
			const r = inTerminal('ingest more.csv --json --no-refresh');
			expect(r.status, r.terminal).toBe(0);
			expect(r.terminal).toMatch(/\r\x1b\[K.*more\.csv: reading · \d+\.\d s/);
			expect(r.terminal).toMatch(/more\.csv: writing · 2 rows · \d+\.\d s/);
			expect(JSON.parse(r.stdout)).toMatchObject({ rows_read: 2, rows_loaded: 1 });
		}
	);
});
