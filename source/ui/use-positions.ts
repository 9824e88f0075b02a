import {useEffect, useState} from 'react';
import {realpath} from 'node:fs/promises';
import {homedir} from 'node:os';
import {PositionStore, positionsFile} from '../core/positions.js';
import {noteOnExit} from './terminal.js';

export interface PositionsOptions {
	/** Whether reading positions are remembered across runs (--no-state says not). */
	readonly remember: boolean;
	/** Where they are kept; default from XDG_STATE_HOME, see positionsFile. */
	readonly file: string | undefined;
	/** The library folder: places are kept under its real path. */
	readonly folder: string;
	/** Shows a one-line notice in the status line: a file that cannot be used, a failed save. */
	readonly notify: (message: string) => void;
}

/**
 * The store of remembered places, once it is read: off the render path, so the first frames and
 * keys never wait for the file. Until then (a few milliseconds) and without it, undefined. A
 * save that failed is also said on exit, after the screen is left.
 */
export function usePositions(options: PositionsOptions): {
	store: PositionStore | undefined;
	/** Whether the store was read (or there is none to read): the reader waits for it, so an
	 * article opened at once still opens where it was left. */
	ready: boolean;
} {
	const {remember, file, folder, notify} = options;
	const [path] = useState(() =>
		remember ? (file ?? positionsFile(process.env, homedir())) : undefined,
	);
	const [store, setStore] = useState<PositionStore>();
	const [ready, setReady] = useState(path === undefined);
	useEffect(() => {
		if (path === undefined) return;
		let cancelled = false;
		void (async () => {
			try {
				const realFolder = await realpath(folder).catch(() => folder);
				const opened = await PositionStore.load(path, {
					folder: realFolder,
					warn: notify,
					saveFailed: notify,
				});
				// The session's saves leave places pending while another instance holds the lock
				// (app.tsx): the last save, once the screen is given back, waits for it and says
				// what it could not save.
				noteOnExit(() => {
					opened.saveSync();
					return opened.unsaved();
				});
				if (!cancelled) setStore(opened);
			} finally {
				if (!cancelled) setReady(true);
			}
		})();
		return () => {
			cancelled = true;
		};
		// Opened once: the folder and the file do not change while the app runs.
	}, []);
	return {store, ready};
}
