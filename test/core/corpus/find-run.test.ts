import {spawn} from 'node:child_process';
import {chmodSync, readSync, realpathSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {
	leaveStartedFind,
	startFind,
	takeStartedFind,
} from '../../../source/core/corpus/find-run.js';
import {listFolder} from '../../../source/core/corpus/listing.js';
import {makeTempFolder, type TempFolder} from '../../fixtures/temp-folder.js';

let folder: TempFolder;
let root: string;
/** A stand-in for find that never ends by itself. */
let stuck: string;

beforeEach(async () => {
	folder = await makeTempFolder({'a.txt': 'Alpha\n\nOne.', 'sub/b.txt': 'Beta\n\nTwo.'});
	root = realpathSync(folder.root);
	stuck = join(root, 'stuck.sh');
	writeFileSync(stuck, '#!/bin/sh\nexec sleep 60\n');
	chmodSync(stuck, 0o755);
});

afterEach(() => {
	takeStartedFind(undefined);
	folder.remove();
});

describe('find started ahead (find-run.ts)', () => {
	it('gives the listing find would give when started by the lister itself', async () => {
		const own = (await listFolder(root))!;
		const run = startFind(root, spawn, {holds: false})!;
		const started = (await listFolder(root, {started: run}))!;
		expect(started.fingerprint).toBe(own.fingerprint);
		expect([...started.files.keys()].sort()).toEqual(['a.txt', 'sub/b.txt']);
	});

	it('is taken up for its own folder only; one on another folder is stopped', async () => {
		const run = startFind(root, spawn, {holds: false})!;
		leaveStartedFind(run);
		expect(takeStartedFind(root)).toBe(run);
		// Given once.
		expect(takeStartedFind(root)).toBeUndefined();
		expect(await run.done).toBe(true);

		const other = startFind(root, spawn, {command: stuck, holds: false})!;
		leaveStartedFind(other);
		expect(takeStartedFind(join(root, 'sub'))).toBeUndefined();
		// Stopped, not waited for: a killed find lists nothing.
		expect(await other.done).toBe(false);
	});

	it('is stopped when not wanted, and then gives no listing', async () => {
		const run = startFind(root, spawn, {command: stuck})!;
		run.drop();
		expect(await run.done).toBe(false);
		const none = startFind(root, spawn, {command: stuck, holds: false})!;
		leaveStartedFind(none);
		// The folder is not listed (not cached): the run is stopped.
		expect(takeStartedFind(undefined)).toBeUndefined();
		expect(await listFolder(root, {started: none})).toBeUndefined();
	});

	it('runs in the C locale whatever environment it is given, the rest of it kept', async () => {
		const telling = join(root, 'locale.sh');
		writeFileSync(telling, '#!/bin/sh\nprintf "%s %s" "$LC_ALL" "$READING_ROOM_MARK"\n');
		chmodSync(telling, 0o755);
		const run = startFind(root, spawn, {
			command: telling,
			environment: {PATH: '/usr/bin:/bin', LC_ALL: 'de_DE.UTF-8', READING_ROOM_MARK: 'kept'},
		})!;
		expect(await run.done).toBe(true);
		const bytes = Buffer.alloc(64);
		const read = readSync(run.output, bytes, 0, bytes.length, 0);
		run.drop();
		expect(bytes.toString('utf8', 0, read)).toBe('C kept');
	});
});
