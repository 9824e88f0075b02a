import {describe, expect, it} from 'vitest';
import {launchedEnvironment, restoreLauncherEnvironment} from '../source/launcher-environment.js';

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
		const empty: Record<string, string | undefined> = {
			NODE_EXTRA_CA_CERTS: '',
			GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0',
			TERM: 'xterm',
		};
		restoreLauncherEnvironment(empty);
		expect(empty).toEqual({
			NODE_EXTRA_CA_CERTS: '',
			GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0',
			TERM: 'xterm',
		});
	});

	it('puts back the GLIBC_TUNABLES the launcher added to: unset, empty or the user’s own', () => {
		const unset: Record<string, string | undefined> = {
			GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=2097152',
			READING_ROOM_GLIBC_TUNABLES: '',
		};
		restoreLauncherEnvironment(unset);
		expect(unset).toEqual({});
		const empty: Record<string, string | undefined> = {
			GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=2097152',
			READING_ROOM_GLIBC_TUNABLES: 'x',
		};
		restoreLauncherEnvironment(empty);
		expect(empty).toEqual({GLIBC_TUNABLES: ''});
		const own: Record<string, string | undefined> = {
			GLIBC_TUNABLES:
				'glibc.rtld.optional_static_tls=2048:glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=2097152',
			READING_ROOM_GLIBC_TUNABLES: 'xglibc.rtld.optional_static_tls=2048',
		};
		restoreLauncherEnvironment(own);
		expect(own).toEqual({GLIBC_TUNABLES: 'glibc.rtld.optional_static_tls=2048'});
	});
});

describe('launchedEnvironment', () => {
	it('adds the malloc tunables to what the user set, and passes theirs on', () => {
		expect(launchedEnvironment({TERM: 'xterm'})).toEqual({
			TERM: 'xterm',
			GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=2097152',
			READING_ROOM_GLIBC_TUNABLES: '',
		});
		expect(launchedEnvironment({GLIBC_TUNABLES: ''})).toEqual({
			GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=2097152',
			READING_ROOM_GLIBC_TUNABLES: 'x',
		});
		expect(launchedEnvironment({GLIBC_TUNABLES: 'glibc.rtld.optional_static_tls=2048'})).toEqual({
			GLIBC_TUNABLES:
				'glibc.rtld.optional_static_tls=2048:glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=2097152',
			READING_ROOM_GLIBC_TUNABLES: 'xglibc.rtld.optional_static_tls=2048',
		});
	});

	it('leaves a GLIBC_TUNABLES that sets any malloc tunable as it is', () => {
		expect(launchedEnvironment({GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0'})).toEqual({
			GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0',
		});
		expect(
			launchedEnvironment({GLIBC_TUNABLES: 'glibc.rtld.nns=2:glibc.malloc.arena_max=2'}),
		).toEqual({GLIBC_TUNABLES: 'glibc.rtld.nns=2:glibc.malloc.arena_max=2'});
		// A tunable whose name only holds the same words is another one.
		expect(launchedEnvironment({GLIBC_TUNABLES: 'x.glibc.malloc.hugetlb=0'})).toEqual({
			GLIBC_TUNABLES:
				'x.glibc.malloc.hugetlb=0:glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=2097152',
			READING_ROOM_GLIBC_TUNABLES: 'xx.glibc.malloc.hugetlb=0',
		});
	});

	it('passes the certificates file on under another name', () => {
		expect(
			launchedEnvironment({
				NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt',
				GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0',
			}),
		).toEqual({
			NODE_EXTRA_CA_CERTS: '',
			READING_ROOM_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt',
			GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0',
		});
	});

	it('is undone by restoreLauncherEnvironment', () => {
		for (const env of [
			{TERM: 'xterm'},
			{GLIBC_TUNABLES: ''},
			{GLIBC_TUNABLES: 'glibc.rtld.nns=2', NODE_EXTRA_CA_CERTS: '/certs.pem'},
			{GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0', NODE_EXTRA_CA_CERTS: ''},
		]) {
			const launched = launchedEnvironment(env);
			restoreLauncherEnvironment(launched);
			expect(launched).toEqual(env);
		}
	});
});
