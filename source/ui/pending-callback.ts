/**
 * One callback waiting for the next turn of the event loop (setImmediate) or for a time
 * (setTimeout), cancelled by the function that matches how it waits. Never clearImmediate on a
 * timeout: on Node 20 it lowers the count of pending immediates and unlinks the timeout from
 * its list, after which no setImmediate callback runs again, React's renders among them (a
 * file removed while the search index waited for its snapshot left the screen frozen).
 */
export class PendingCallback {
	private immediate: NodeJS.Immediate | undefined;
	private timeout: NodeJS.Timeout | undefined;

	/** Runs `callback` on the next turn, in place of whatever was waiting. */
	soon(callback: () => void): void {
		this.cancel();
		this.immediate = setImmediate(() => {
			this.immediate = undefined;
			callback();
		});
	}

	/** Runs `callback` after `ms`, in place of whatever was waiting. */
	after(ms: number, callback: () => void): void {
		this.cancel();
		this.timeout = setTimeout(() => {
			this.timeout = undefined;
			callback();
		}, ms);
	}

	cancel(): void {
		if (this.immediate !== undefined) clearImmediate(this.immediate);
		if (this.timeout !== undefined) clearTimeout(this.timeout);
		this.immediate = undefined;
		this.timeout = undefined;
	}
}
