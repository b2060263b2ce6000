/**
 * Progress of a long command on stderr, so stdout (a report, --json) stays clean. On a terminal one line is redrawn in
 * place (and its elapsed time ticks); elsewhere (a pipe, a log file) a plain line is written each time the step
 * changes, or nothing when `plainLines` is false.
 */
export interface ProgressStream {
	isTTY?: boolean;
	columns?: number;
	write(text: string): unknown;
}

export class StatusLine {
	private shown = '';
	private lastKey: string | null = null;
	private timer: ReturnType<typeof setInterval> | undefined;
	private render: (() => string) | null = null;

	constructor(
		private readonly out: ProgressStream = process.stderr,
		private readonly options: { plainLines?: boolean; redraw?: boolean; tickMs?: number } = {}
	) {}

	/** Whether the line is redrawn in place: on a terminal, unless `redraw: false` asks for plain lines there too. */
	get tty(): boolean {
		return this.out.isTTY === true && this.options.redraw !== false;
	}

	/**
	 * Shows `render()` now and, on a terminal, again every tick (elapsed time moves on its own). `key` names the step:
	 * off a terminal a line is written only when it changes.
	 */
	show(key: string, render: () => string): void {
		this.render = render;
		if (this.tty) {
			this.draw(render());
			if (!this.timer) {
				this.timer = setInterval(() => this.render && this.draw(this.render()), this.options.tickMs ?? 200);
				this.timer.unref?.();
			}
		} else if (key !== this.lastKey && this.options.plainLines !== false) {
			this.out.write(`${render()}\n`);
		}
		this.lastKey = key;
	}

	/** Writes a line of its own (a log message) above the status line. */
	print(text: string, to: ProgressStream = this.out): void {
		this.erase();
		to.write(text.endsWith('\n') ? text : `${text}\n`);
		if (this.tty && this.render) this.draw(this.render());
	}

	/** Stops ticking and removes the line from the terminal. */
	stop(): void {
		if (this.timer) clearInterval(this.timer);
		this.timer = undefined;
		this.render = null;
		this.erase();
		this.lastKey = null;
	}

	private draw(text: string): void {
		const width = Math.max(20, (this.out.columns || 100) - 1); // 0: a terminal that does not say
		const line = text.length > width ? `${text.slice(0, width - 1)}…` : text;
		this.out.write(`\r\x1b[K${line}`);
		this.shown = line;
	}

	private erase(): void {
		if (this.tty && this.shown) this.out.write('\r\x1b[K');
		this.shown = '';
	}
}

export function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Steps of a known list (crm refresh, crm demo): "step 2/6 periods 3.1 s" on a terminal; nothing elsewhere (their
 * output already lists each step's time).
 */
export class StepProgress {
	private index = -1;
	private started = 0;
	private readonly line: StatusLine;

	constructor(
		private readonly steps: string[],
		out: ProgressStream = process.stderr
	) {
		this.line = new StatusLine(out, { plainLines: false });
	}

	/** Starts the named step (or the next one). */
	begin(name?: string): void {
		const at = name === undefined ? this.index + 1 : this.steps.indexOf(name);
		if (at < 0 || at >= this.steps.length) return;
		this.index = at;
		this.started = performance.now();
		const label = `step ${at + 1}/${this.steps.length} ${this.steps[at]}`;
		this.line.show(label, () => `${label} ${seconds(performance.now() - this.started)}`);
	}

	/** A refresh log line "name: N ms" ends that step; the one after it starts. */
	finished(message: string): void {
		const at = this.steps.findIndex((s) => message.startsWith(`${s}:`));
		if (at >= 0 && at + 1 < this.steps.length) this.begin(this.steps[at + 1]);
		else if (at >= 0) this.line.stop();
	}

	print(text: string, to?: ProgressStream): void {
		this.line.print(text, to);
	}

	stop(): void {
		this.line.stop();
	}
}
