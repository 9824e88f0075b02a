/** Thrown when a diff runs past its budget; the caller falls back to a coarser diff. */
export class BudgetExceeded extends Error {
	constructor() {
		super('diff budget exceeded');
	}
}

/**
 * Units of alignment work in a millisecond of this project's development machine (2 cores,
 * Node 20, user CPU time): a unit is a token compared or paired, a 32-bit word of the exact
 * alignment's bit rows, or, for Myers, the gap's length per edit. Measured quiet: Myers on
 * unrelated tokens 31,000–39,000 a ms, exact gaps (unrelated 6,000-word texts) 47,000, the
 * anchors of the bench's near-equal pairs 66,000–110,000. So a budget of N ms is about N ms
 * where the work is dearest (unrelated texts) and less on long, mostly equal pairs.
 */
export const UNITS_PER_MS = 40_000;

/**
 * How much aligning two texts may do before it gives up: counted in work, not read off the
 * clock, so the same texts get the same diff on any machine and under any load (a clock made a
 * pair fall back to paragraphs on a busy machine and not on a quiet one). Given in milliseconds
 * of the development machine (UNITS_PER_MS).
 */
export class Budget {
	private readonly limit: number;
	private used = 0;

	constructor(milliseconds: number) {
		this.limit = Math.max(0, milliseconds) * UNITS_PER_MS;
	}

	/** Units left (none or fewer than none once spent). */
	remaining(): number {
		return this.limit - this.used;
	}

	/** Counts `units` of work done; throws BudgetExceeded once the budget is spent. */
	spend(units: number): void {
		this.used += units;
		if (this.used > this.limit) throw new BudgetExceeded();
	}

	/** One unit. */
	tick(): void {
		if (++this.used > this.limit) throw new BudgetExceeded();
	}
}
