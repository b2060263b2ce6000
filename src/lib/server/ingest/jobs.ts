import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { Database } from '../db';
import { ingestFile } from './ingest';
import { IngestError, type IngestOptions, type IngestReport } from './types';

/**
 * The server's ingest jobs: files loaded while the dashboard runs, one at a time, in the order they were started.
 * Each job is one ingestFile() call (rows, quarantine and the ingests record in one transaction, then the refresh of
 * the derived tables), so a reader sees the database before the file or after it, never half of it. A job says where
 * it is (its phase, rows when known, elapsed time) and, at the end, the same report a local `crm ingest` prints.
 */
export type JobPhase =
	| 'uploading' // the browser is sending the file
	| 'uploaded' // the file is here; waiting for the person to start it (kind, preset, column choices)
	| 'queued' // waiting for the job before it
	| 'reading'
	| 'writing'
	| 'refreshing'
	| 'done'
	| 'failed';

export const FINISHED: readonly JobPhase[] = ['done', 'failed'];

/** What a client sees of a job (never the file's path on the server). */
export interface IngestJob {
	id: string;
	/** The file's name as the person knows it. */
	name: string;
	origin: 'upload' | 'cli';
	phase: JobPhase;
	/** Upload progress: bytes received of the announced size. */
	bytes: { received: number; total: number } | null;
	/** DuckDB's progress of the read and check statement, 0..100, while reading. */
	percent: number | null;
	/** Rows read (known once reading ends), then rows loaded when done. */
	rows: number | null;
	created_at: string;
	/** From the job's creation to its end (or to now). */
	elapsed_ms: number;
	/** Jobs ahead of this one while queued. */
	ahead: number | null;
	report: IngestReport | null;
	error: string | null;
}

interface JobState extends Omit<IngestJob, 'elapsed_ms' | 'ahead'> {
	created: number;
	finished: number | null;
	file: string | null;
	options: IngestOptions;
	/** Called once the job ends (e.g. removes an uploaded file). */
	cleanup?: () => void;
	waiters: ((job: IngestJob) => void)[];
}

export interface JobRunnerOptions {
	/** Finished jobs kept for clients to read (the ingests table keeps the history). Default 50. */
	keepFinished?: number;
	/** An upload not started within this time is dropped with its file (a closed tab). Default 6 hours. */
	abandonedAfterMs?: number;
}

export class IngestJobs {
	private jobs = new Map<string, JobState>();
	private queue: string[] = [];
	private running = false;

	constructor(
		private readonly db: Database,
		private readonly options: JobRunnerOptions = {}
	) {}

	/**
	 * A job whose file the browser is about to upload (phase 'uploading'); `place` creates the file for the job's id
	 * and says how to remove it once the job ends.
	 */
	createUpload(
		name: string,
		total: number,
		place: (id: string) => { file: string; cleanup: () => void }
	): IngestJob {
		const job = this.add(name, 'upload');
		const { file, cleanup } = place(job.id);
		job.phase = 'uploading';
		job.bytes = { received: 0, total };
		job.file = file;
		job.cleanup = cleanup;
		return this.view(job);
	}

	/** Records upload progress; the job is 'uploaded' once every byte is there. */
	received(id: string, bytes: number): IngestJob {
		const job = this.state(id);
		if (!job.bytes || job.phase !== 'uploading') throw new IngestError(`job ${id} is not receiving a file`);
		job.bytes.received = bytes;
		if (bytes === job.bytes.total) job.phase = 'uploaded';
		return this.view(job);
	}

	/** Queues a job for a file already on this machine (`crm ingest` handing its file to the server). */
	submit(
		file: string,
		options: IngestOptions,
		meta: { name?: string; origin?: IngestJob['origin']; cleanup?: () => void } = {}
	): IngestJob {
		const job = this.add(meta.name ?? basename(file), meta.origin ?? 'cli', meta.cleanup);
		job.file = file;
		return this.enqueue(job, options);
	}

	/** Queues an uploaded file with the person's choices. */
	start(id: string, options: IngestOptions): IngestJob {
		const job = this.state(id);
		if (job.phase !== 'uploaded') {
			throw new IngestError(
				job.phase === 'uploading'
					? `the file of job ${id} is not completely uploaded yet (${job.bytes?.received} of ${job.bytes?.total} bytes)`
					: `job ${id} was started already (it is ${job.phase})`
			);
		}
		return this.enqueue(job, options);
	}

	/** Drops a job that has not started (an upload the person replaced or abandoned). */
	discard(id: string): void {
		const job = this.state(id);
		if (job.phase !== 'uploading' && job.phase !== 'uploaded') {
			throw new IngestError(`job ${id} is ${job.phase}; only a job that has not started can be discarded`);
		}
		this.jobs.delete(id);
		job.cleanup?.();
	}

	get(id: string): IngestJob | null {
		const job = this.jobs.get(id);
		return job ? this.view(job) : null;
	}

	/** Where the upload's file is being written, while it is. */
	uploadTarget(id: string): string | null {
		const job = this.state(id);
		return job.phase === 'uploading' ? job.file : null;
	}

	/** The uploaded file, complete and not yet loaded (for the column preview); null otherwise. */
	uploadedFile(id: string): string | null {
		const job = this.state(id);
		const waiting = job.phase === 'uploaded' || job.phase === 'queued';
		return job.origin === 'upload' && waiting ? job.file : null;
	}

	/** Every job the runner keeps, newest first. */
	list(): IngestJob[] {
		return [...this.jobs.values()].reverse().map((j) => this.view(j));
	}

	/** Resolves with the job once it is done or failed. */
	wait(id: string): Promise<IngestJob> {
		const job = this.state(id);
		if (FINISHED.includes(job.phase)) return Promise.resolve(this.view(job));
		return new Promise((resolve) => job.waiters.push(resolve));
	}

	private add(name: string, origin: IngestJob['origin'], cleanup?: () => void): JobState {
		const created = Date.now();
		const job: JobState = {
			id: randomUUID(),
			name,
			origin,
			phase: 'queued',
			bytes: null,
			percent: null,
			rows: null,
			created_at: new Date(created).toISOString(),
			report: null,
			error: null,
			created,
			finished: null,
			file: null,
			options: {},
			cleanup,
			waiters: []
		};
		this.jobs.set(job.id, job);
		this.forgetOldJobs();
		return job;
	}

	private enqueue(job: JobState, options: IngestOptions): IngestJob {
		job.phase = 'queued';
		job.options = options;
		this.queue.push(job.id);
		void this.pump();
		return this.view(job);
	}

	/** Runs queued jobs one after another; a second call while one runs returns at once. */
	private async pump(): Promise<void> {
		if (this.running) return;
		this.running = true;
		try {
			for (let id = this.queue.shift(); id !== undefined; id = this.queue.shift()) {
				const job = this.jobs.get(id);
				if (job) await this.run(job);
			}
		} finally {
			this.running = false;
		}
	}

	private async run(job: JobState): Promise<void> {
		try {
			if (!job.file) throw new IngestError(`job ${job.id} has no file`);
			job.phase = 'reading';
			const report = await ingestFile(this.db, job.file, {
				...job.options,
				onPhase: (phase, progress) => {
					job.phase = phase;
					job.percent = null;
					if (progress?.rows !== undefined) job.rows = progress.rows;
				},
				onProgress: (percent) => {
					if (job.phase === 'reading') job.percent = percent;
				}
			});
			// an upload's path on the server means nothing to the person: the report names the file as they chose it
			job.report = job.origin === 'upload' ? { ...report, file: job.name } : report;
			job.rows = report.rows_loaded;
			job.phase = 'done';
		} catch (e) {
			const message = e instanceof Error ? e.message : String(e);
			// the rows were committed before the refresh began: say so, the file must not be loaded again
			job.error =
				job.phase === 'refreshing'
					? `the file was loaded (it is in the past ingests), but refreshing the derived tables failed: ${message}`
					: message;
			job.phase = 'failed';
			if (!(e instanceof IngestError)) console.error(`ingest job ${job.id} (${job.name}) failed:`, e);
		} finally {
			job.percent = null;
			job.finished = Date.now();
			try {
				job.cleanup?.();
			} catch (e) {
				console.error(`ingest job ${job.id}: cleaning up failed:`, e);
			}
			const view = this.view(job);
			for (const resolve of job.waiters.splice(0)) resolve(view);
		}
	}

	private state(id: string): JobState {
		const job = this.jobs.get(id);
		if (!job) throw new JobNotFound(id);
		return job;
	}

	private view(job: JobState): IngestJob {
		const position = this.queue.indexOf(job.id);
		return {
			id: job.id,
			name: job.name,
			origin: job.origin,
			phase: job.phase,
			bytes: job.bytes ? { ...job.bytes } : null,
			percent: job.percent,
			rows: job.rows,
			created_at: job.created_at,
			elapsed_ms: (job.finished ?? Date.now()) - job.created,
			ahead: position < 0 ? null : position + (this.running ? 1 : 0),
			report: job.report,
			error: job.error
		};
	}

	/** Keeps the newest finished jobs only, and drops uploads nobody started for a long time. */
	private forgetOldJobs(): void {
		const keep = this.options.keepFinished ?? 50;
		const finished = [...this.jobs.values()].filter((j) => FINISHED.includes(j.phase));
		for (const j of finished.slice(0, Math.max(0, finished.length - keep))) this.jobs.delete(j.id);
		const abandoned = Date.now() - (this.options.abandonedAfterMs ?? 6 * 3600_000);
		for (const j of this.jobs.values()) {
			if ((j.phase === 'uploading' || j.phase === 'uploaded') && j.created < abandoned) this.discard(j.id);
		}
	}
}

export class JobNotFound extends IngestError {
	constructor(id: string) {
		super(
			`no ingest job ${id} on this server (finished jobs are kept for a while; past ingests are listed on /data)`
		);
	}
}
