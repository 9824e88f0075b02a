import type {LaunchOptions} from './launch.js';

/**
 * Loads the full-screen interface (Ink, React, yoga) only when it is needed, so the plain
 * commands start fast. Two facts of the environment are fixed up first, because Ink's
 * dependencies read them once, when they load:
 * - is-in-ci: with CI set, Ink stops drawing frames; on a real terminal that is never wanted.
 * - yoga-layout reads its inlined WebAssembly through fetch() when fetch exists, which loads
 *   undici and costs ~15 ms of start-up (../shared/notes/startup.md); without it, it decodes
 *   the base64 directly.
 */
export async function launch(options: LaunchOptions): Promise<number> {
	for (const name of Object.keys(process.env)) {
		if (name === 'CI' || name === 'CONTINUOUS_INTEGRATION' || name.startsWith('CI_')) {
			delete process.env[name];
		}
	}
	const globals = globalThis as {fetch?: typeof fetch};
	const savedFetch = globals.fetch;
	globals.fetch = undefined;
	let module: typeof import('./launch.js');
	try {
		module = await import('./launch.js');
	} finally {
		globals.fetch = savedFetch;
	}
	return module.launchInterface(options);
}
