import type {Steps} from '../steps.js';

/** Thrown when a diff runs past its time budget; the caller falls back to a coarser diff. */
export class BudgetExceeded extends Error {
	constructor() {
		super('diff time budget exceeded');
	}
}

/** A deadline that long loops check now and then (reading the clock on every step is costly). */
export class Budget {
	private deadline: number;
	private ticks = 0;
	private pausedAt: number | undefined;

	constructor(milliseconds: number) {
		this.deadline = performance.now() + milliseconds;
	}

	/** Stops the clock (while work done in steps waits for its next turn) until resume. */
	pause(): void {
		this.pausedAt ??= performance.now();
	}

	resume(): void {
		if (this.pausedAt === undefined) return;
		this.deadline += performance.now() - this.pausedAt;
		this.pausedAt = undefined;
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

/** `steps`, with `budget`'s clock stopped between them: only the time spent working counts,
 * however long the app waits between slices. */
export function* budgeted<T>(budget: Budget, steps: Steps<T>): Steps<T> {
	for (;;) {
		const next = steps.next();
		if (next.done === true) return next.value;
		budget.pause();
		yield;
		budget.resume();
	}
}
