import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, totalmem } from 'node:os';

export function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Nearest-rank percentile, p in [0, 100]. */
export function percentile(xs: number[], p: number): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export async function timeIt(fn: () => Promise<unknown>): Promise<number> {
	const t = performance.now();
	await fn();
	return performance.now() - t;
}

/** Runs fn `runs` times and returns the durations in ms. */
export async function repeat(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
	const out: number[] = [];
	for (let i = 0; i < runs; i++) out.push(await timeIt(fn));
	return out;
}

export function machine(): string {
	return `${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`;
}

/** Saves a benchmark's figures to bench/results/NAME.json (git-ignored) with the machine and date. */
export function saveResults(name: string, results: unknown): void {
	const dir = join(import.meta.dirname, 'results');
	mkdirSync(dir, { recursive: true });
	const payload = { name, date: new Date().toISOString(), machine: machine(), results };
	writeFileSync(join(dir, `${name}.json`), JSON.stringify(payload, null, 2));
}
