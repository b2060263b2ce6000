import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export interface CliResult {
	status: number | null;
	stdout: string;
	stderr: string;
}

/** Runs the real `crm` command (bin/crm.js) in a child process. */
export function crm(args: string[], env: Record<string, string> = {}, timeoutMs = 120_000): CliResult {
	const r = spawnSync(process.execPath, [join(process.cwd(), 'bin', 'crm.js'), ...args], {
		encoding: 'utf8',
		env: { ...process.env, ...env },
		timeout: timeoutMs,
		maxBuffer: 64 * 1024 * 1024
	});
	return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
