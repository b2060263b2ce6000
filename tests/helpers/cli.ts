import { spawn, spawnSync } from 'node:child_process';
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

/**
 * Like crm(), without blocking this process while the command runs: a test that talks to a server meanwhile keeps
 * its connections alive (a blocked event loop misses the server closing an idle keep-alive socket).
 */
export function crmAsync(
	args: string[],
	env: Record<string, string> = {},
	timeoutMs = 120_000,
	onStderr?: (text: string) => void
): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [join(process.cwd(), 'bin', 'crm.js'), ...args], {
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
			timeout: timeoutMs
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr.on('data', (d: Buffer) => {
			stderr += d.toString();
			onStderr?.(stderr);
		});
		child.on('error', reject);
		child.on('close', (status) => resolve({ status, stdout, stderr }));
	});
}
