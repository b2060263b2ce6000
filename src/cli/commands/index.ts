import type { Command } from 'commander';
import { registerStatus } from './status';

/** Every subcommand registers itself here; each lives in its own file and calls src/lib/server. */
export const commands: ((program: Command) => void)[] = [registerStatus];
