/**
 * What SIGTERM and SIGHUP do, changed as the app starts up. The process listens once and the
 * handler is swapped, never removed: a signal that arrives while its listener is being
 * replaced would otherwise be taken from the default action and then delivered to nobody,
 * and the app would carry on after being told to stop.
 */
let quit: () => void = () => process.exit(0);
let listening = false;

export function onQuitSignal(handler: () => void): void {
	quit = handler;
	if (listening) return;
	listening = true;
	for (const signal of ['SIGTERM', 'SIGHUP'] as const) process.on(signal, () => quit());
}
