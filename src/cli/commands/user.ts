import type { Command } from 'commander';
import { createInterface } from 'node:readline/promises';
import { ROLES } from '../../lib/server/auth/roles';
import { listUsers } from '../../lib/server/auth/store';
import { changeUser, type UserChange } from '../../lib/server/auth/users';
import { CLI_ACTOR, printJson, UsageError, withDb } from '../util';

/** The password: piped on stdin (`echo ... | crm user add ...`), or asked for on a terminal. */
async function readPassword(): Promise<string> {
	if (!process.stdin.isTTY) {
		const chunks: Buffer[] = [];
		for await (const c of process.stdin) chunks.push(c as Buffer);
		return Buffer.concat(chunks)
			.toString('utf8')
			.replace(/\r?\n$/, '');
	}
	const rl = createInterface({ input: process.stdin, output: process.stderr });
	try {
		return await rl.question('password (at least 10 characters): ');
	} finally {
		rl.close();
	}
}

async function change(cmd: Command, c: UserChange): Promise<void> {
	await withDb(cmd, async (db) => {
		try {
			await changeUser(db, c, CLI_ACTOR);
		} catch (e) {
			throw new UsageError(e instanceof Error ? e.message : String(e));
		}
	});
	process.stderr.write(`${c.kind}: ${c.name} done\n`);
}

/** `crm user add|list|passwd|disable|enable|delete|revoke`: the people of team mode (#19). */
export function registerUser(program: Command): void {
	const user = program
		.command('user')
		.description('users of team mode (sign-in, roles): add, list, passwd, disable, enable, delete, revoke');
	user
		.command('add <name>')
		.description('add a user; the password is read from stdin or asked for')
		.requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
		.action(async (name: string, opts: { role: string }, cmd: Command) =>
			change(cmd, { kind: 'add', name, role: opts.role, password: await readPassword() })
		);
	user
		.command('list')
		.description('list the users')
		.option('--json', 'print JSON')
		.action(async (opts: { json?: boolean }, cmd: Command) => {
			await withDb(cmd, async (db) => {
				const users = await listUsers(db);
				if (opts.json) return printJson(users);
				for (const u of users)
					process.stdout.write(
						`${u.name}\t${u.role}\t${u.disabled ? 'disabled' : 'active'}\t${u.created_at}\n`
					);
			});
		});
	user
		.command('passwd <name>')
		.description("set a user's password (ends their sessions); read from stdin or asked for")
		.action(async (name: string, _o: unknown, cmd: Command) =>
			change(cmd, { kind: 'passwd', name, password: await readPassword() })
		);
	for (const [kind, help] of [
		['disable', 'stop a user signing in (ends their sessions)'],
		['enable', 'let a disabled user sign in again'],
		['delete', 'delete a user (ends their sessions; their audit rows stay)'],
		['revoke', 'end every session of a user (sign out everywhere)']
	] as const) {
		user
			.command(`${kind} <name>`)
			.description(help)
			.action(async (name: string, _o: unknown, cmd: Command) => change(cmd, { kind, name }));
	}
}
