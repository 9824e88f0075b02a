/** Thrown when a diff runs past its time budget; the caller falls back to a coarser diff. */
export class BudgetExceeded extends Error {
	constructor() {
		super('diff time budget exceeded');
	}
}

/** A deadline that long loops check now and then (reading the clock on every step is costly). */
export class Budget {
	private readonly deadline: number;
	private ticks = 0;

	constructor(milliseconds: number) {
		this.deadline = performance.now() + milliseconds;
	}

	remaining(): number {
		return this.deadline - performance.now();
	}

	/** Throws BudgetExceeded once the deadline has passed; cheap enough to call per step. */
	tick(): void {
		if ((++this.ticks & 1023) === 0 && performance.now() > this.deadline) {
			throw new BudgetExceeded();
		}
	}
}
