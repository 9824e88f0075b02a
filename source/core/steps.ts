/**
 * Work cut into steps: a generator that yields after each bounded piece of work, so the app can
 * run it between keys (see ui/use-idle-work) and a command can run it to its end. Run to its end
 * without pausing, a steps function gives what its one-piece counterpart gives.
 */
export type Steps<T> = Generator<void, T>;

/** Runs `steps` to its end, without pausing. */
export function finish<T>(steps: Steps<T>): T {
	for (;;) {
		const next = steps.next();
		if (next.done === true) return next.value;
	}
}

/** Steps run a slice at a time: at least one step, then more until `deadline()` (asked after
 * each) is true; `result` once the steps have ended. */
export class SteppedWork<T> {
	#steps: Steps<T> | undefined;
	#result: {readonly value: T} | undefined;

	constructor(steps: Steps<T>) {
		this.#steps = steps;
	}

	get done(): boolean {
		return this.#result !== undefined;
	}

	/** The steps' value once they have ended, else undefined. */
	get result(): T | undefined {
		return this.#result?.value;
	}

	/** Runs steps until `deadline()` says stop or they end; returns whether they ended. */
	step(deadline: () => boolean): boolean {
		while (this.#steps !== undefined) {
			const next = this.#steps.next();
			if (next.done === true) {
				this.#result = {value: next.value};
				this.#steps = undefined;
				break;
			}
			if (deadline()) break;
		}
		return this.done;
	}

	/** Runs the rest without pausing and gives the value. */
	finish(): T {
		this.step(() => false);
		return this.#result!.value;
	}
}
