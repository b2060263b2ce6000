// `npm run bench -- NAME [options]`: runs bench/NAME.ts. Each benchmark prints medians (and p95 where it
// matters) with the bare DuckDB baseline measured in the same run, and writes bench/results/NAME.json.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = import.meta.dirname;
const available = readdirSync(dir)
	.filter((f) => f.endsWith('.ts') && f !== 'run.ts' && f !== 'util.ts')
	.map((f) => f.slice(0, -3));
const [name, ...rest] = process.argv.slice(2);
if (!name || !available.includes(name)) {
	console.error(`usage: npm run bench -- <${available.join('|')}> [options]`);
	process.exit(2);
}
const file = join(dir, `${name}.ts`);
if (!existsSync(file)) process.exit(2);
const mod = (await import(file)) as { main: (args: string[]) => Promise<void> };
await mod.main(rest);
