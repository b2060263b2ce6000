/** Interaction types and channels by code, as the staging tables store them (code = index). */
export const TYPES = [
	'purchase',
	'refund',
	'email_open',
	'email_click',
	'web_visit',
	'support_ticket',
	'call',
	'survey'
] as const;
export const CHANNELS = ['web', 'store', 'email', 'phone', 'zalo', 'facebook', 'sales'] as const;

export const T = {
	purchase: 0,
	refund: 1,
	emailOpen: 2,
	emailClick: 3,
	webVisit: 4,
	ticket: 5,
	call: 6,
	survey: 7
} as const;
export const CH = { web: 0, store: 1, email: 2, phone: 3, zalo: 4, facebook: 5, sales: 6 } as const;

/** "No value" in the integer event columns (they become SQL NULL). */
export const NONE = -1;

/**
 * One customer's events, column by column, reused from customer to customer. Times are calendar seconds
 * since the start of the period.
 */
export class EventBuffer {
	size = 0;
	time = new Float64Array(256);
	type = new Int8Array(256);
	channel = new Int8Array(256);
	order = new Int32Array(256);
	amountK = new Int32Array(256);
	quantity = new Int32Array(256);
	product = new Int32Array(256);
	csat = new Int8Array(256);
	resolved = new Float64Array(256);
	/** Events that exist because of the touchpoint multiplier (for --interactions calibration). */
	scaled = new Uint8Array(256);
	/** Event indices sorted by time, filled by sort(). */
	byTime = new Int32Array(256);

	clear(): void {
		this.size = 0;
	}

	/**
	 * Adds an event with no order, amount, product, CSAT or resolution and returns its index; the caller
	 * sets those columns on the index when the type has them.
	 */
	add(time: number, type: number, channel: number, scaled = false): number {
		if (this.size === this.time.length) this.grow();
		const i = this.size++;
		this.time[i] = time;
		this.type[i] = type;
		this.channel[i] = channel;
		this.order[i] = NONE;
		this.amountK[i] = 0;
		this.quantity[i] = 0;
		this.product[i] = NONE;
		this.csat[i] = 0;
		this.resolved[i] = NONE;
		this.scaled[i] = scaled ? 1 : 0;
		return i;
	}

	/** Fills byTime with the event indices by time (ties: insertion order). */
	sort(): void {
		const idx = this.byTime;
		for (let i = 0; i < this.size; i++) idx[i] = i;
		const view = idx.subarray(0, this.size);
		view.sort((a, b) => this.time[a]! - this.time[b]! || a - b);
	}

	private grow(): void {
		const n = this.time.length * 2;
		const f64 = (a: Float64Array<ArrayBuffer>) => copy(a, new Float64Array(n));
		this.time = f64(this.time);
		this.resolved = f64(this.resolved);
		this.type = copy(this.type, new Int8Array(n));
		this.channel = copy(this.channel, new Int8Array(n));
		this.order = copy(this.order, new Int32Array(n));
		this.amountK = copy(this.amountK, new Int32Array(n));
		this.quantity = copy(this.quantity, new Int32Array(n));
		this.product = copy(this.product, new Int32Array(n));
		this.csat = copy(this.csat, new Int8Array(n));
		this.scaled = copy(this.scaled, new Uint8Array(n));
		this.byTime = new Int32Array(n);
	}
}

function copy<A extends Float64Array | Int32Array | Int8Array | Uint8Array>(from: A, to: A): A {
	to.set(from as never);
	return to;
}
