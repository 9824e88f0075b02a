import {describe, expect, it} from 'vitest';
import {restoreLauncherEnvironment} from '../source/launcher-environment.js';

describe('restoreLauncherEnvironment', () => {
	it('puts the certificates file the launcher passed on back under its own name', () => {
		const env: Record<string, string | undefined> = {
			NODE_EXTRA_CA_CERTS: '',
			READING_ROOM_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt',
			TERM: 'xterm',
		};
		restoreLauncherEnvironment(env);
		expect(env).toEqual({NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt', TERM: 'xterm'});
	});

	it('leaves an environment the launcher did not touch as it is, unset or empty', () => {
		const unset: Record<string, string | undefined> = {TERM: 'xterm'};
		restoreLauncherEnvironment(unset);
		expect(unset).toEqual({TERM: 'xterm'});
		const empty: Record<string, string | undefined> = {NODE_EXTRA_CA_CERTS: '', TERM: 'xterm'};
		restoreLauncherEnvironment(empty);
		expect(empty).toEqual({NODE_EXTRA_CA_CERTS: '', TERM: 'xterm'});
	});
});
