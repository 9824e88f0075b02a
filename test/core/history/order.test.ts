import {describe, expect, it} from 'vitest';
import {orderVersions, type VersionFacts} from '../../../source/core/history/order.js';

const NOW = Date.UTC(2026, 11, 3, 18, 0);
const minutes = (count: number) => count * 60 * 1000;

const facts = (
	id: string,
	dateline: string | undefined,
	modifiedMs: number | undefined,
	problem?: string,
): VersionFacts => ({id, dateline, modifiedMs, problem});

const ids = (members: readonly VersionFacts[]) =>
	orderVersions(members, {nowMs: NOW}).versions.map((version) => version.id);

describe('orderVersions', () => {
	it('orders by dateline when every version has a date, whatever the files say', () => {
		const members = [
			facts('a.txt', 'Tuesday, July 21, 2020 10:15 AM', NOW - minutes(3)),
			facts('b.txt', 'July 20, 2020 - 21:8', NOW - minutes(1)),
			facts('c.txt', '22 July 2020', NOW - minutes(2)),
			facts('d.txt', 'Jul. 21, 2020', NOW - minutes(4)),
		];
		const order = orderVersions(members, {nowMs: NOW});
		expect(order.basis).toBe('dateline');
		// A date without a time counts as its midnight: d (21 July) before a (21 July 10:15).
		expect(order.versions.map((version) => version.id)).toEqual([
			'b.txt',
			'd.txt',
			'a.txt',
			'c.txt',
		]);
		expect(order.notes).toEqual([]);
		expect(order.versions[0]!.date).toEqual({
			source: 'dateline',
			date: {wallMs: Date.UTC(2020, 6, 20, 21, 8), hasTime: true},
		});
	});

	it('orders by file time when one version has no dateline, and says which', () => {
		const members = [
			facts('000.txt', undefined, NOW - minutes(10)),
			facts('001.txt', 'July 20, 2020 - 21:8', NOW - minutes(20)),
		];
		const order = orderVersions(members, {nowMs: NOW});
		expect(order.basis).toBe('mtime');
		expect(order.versions.map((version) => version.id)).toEqual(['001.txt', '000.txt']);
		expect(order.versions[0]!.date).toEqual({source: 'mtime', ms: NOW - minutes(20)});
		expect(order.notes).toEqual(['not ordered by dateline: 000.txt has no dateline']);
	});

	it('does not order by datelines that are not dates or lie in the future', () => {
		const members = [
			facts('v1.txt', 'Summer 2020', NOW - minutes(30)),
			facts('v2.txt', 'July 20, 2031', NOW - minutes(20)),
			facts('v3.txt', 'July 20, 2020', NOW - minutes(10)),
		];
		const order = orderVersions(members, {nowMs: NOW});
		expect(order.basis).toBe('mtime');
		expect(order.versions.map((version) => version.id)).toEqual(['v1.txt', 'v2.txt', 'v3.txt']);
		expect(order.notes).toEqual([
			'not ordered by dateline: v1.txt has a dateline that is not a date; v2.txt has a date in the future',
		]);
	});

	it('takes a date later today (a time zone ahead) for a date, not the future', () => {
		const today = [
			facts('a.txt', 'December 3, 2026 - 23:30', 1),
			facts('b.txt', 'December 3, 2026 - 9:00', 2),
		];
		expect(ids(today)).toEqual(['b.txt', 'a.txt']);
	});

	it('keeps name order for versions with the same date, and says so', () => {
		const members = [
			facts('c.txt', '20 July 2020', 3),
			facts('a.txt', 'July 20, 2020', 1),
			facts('b.txt', '2020-07-19', 2),
		];
		const order = orderVersions(members, {nowMs: NOW});
		expect(order.versions.map((version) => version.id)).toEqual(['b.txt', 'a.txt', 'c.txt']);
		expect(order.notes).toEqual(['same dateline: a.txt, c.txt, kept in name order']);
	});

	it('keeps name order for files with the same time (a git checkout), in natural name order', () => {
		const members = [
			facts('v10.txt', undefined, 5),
			facts('v9.txt', undefined, 5),
			facts('v2.txt', undefined, 5),
		];
		const order = orderVersions(members, {nowMs: NOW});
		expect(order.basis).toBe('mtime');
		expect(order.versions.map((version) => version.id)).toEqual(['v2.txt', 'v9.txt', 'v10.txt']);
		expect(order.notes).toEqual([
			'not ordered by dateline: v2.txt, v9.txt, v10.txt have no dateline',
			'same file time: v2.txt, v9.txt, v10.txt, kept in name order',
		]);
	});

	it('orders by name when a file has vanished, saying what could not be read', () => {
		const members = [
			facts('b.txt', undefined, 1),
			facts('a.txt', undefined, undefined, 'vanished'),
			facts('c.txt', 'July 20, 2020', 0),
		];
		const order = orderVersions(members, {nowMs: NOW});
		expect(order.basis).toBe('name');
		expect(order.versions).toEqual([
			{id: 'a.txt', date: undefined},
			{id: 'b.txt', date: undefined},
			{id: 'c.txt', date: undefined},
		]);
		expect(order.notes).toEqual([
			'not ordered by dateline: a.txt, b.txt have no dateline',
			'no file time for a.txt (vanished): ordered by name',
		]);
	});

	it('lists at most three names in a note', () => {
		const members = ['a', 'b', 'c', 'd', 'e'].map((name) => facts(`${name}.txt`, undefined, 1));
		expect(orderVersions(members, {nowMs: NOW}).notes[0]).toBe(
			'not ordered by dateline: a.txt, b.txt, c.txt and 2 more have no dateline',
		);
	});

	it('takes dateline dates read before (kept in the store) instead of reading them again', () => {
		const members: VersionFacts[] = [
			// As stored: the store read "July 22, 2020" when the file was read.
			{
				...facts('a.txt', 'July 22, 2020', NOW),
				datelineDate: {wallMs: Date.UTC(2020, 6, 22), hasTime: false},
			},
			{
				...facts('b.txt', 'July 21, 2020', NOW),
				datelineDate: {wallMs: Date.UTC(2020, 6, 23), hasTime: false},
			},
			{...facts('c.txt', 'July 20, 2020', NOW)},
		];
		expect(ids(members)).toEqual(['c.txt', 'a.txt', 'b.txt']);
		// Kept as having no date: not read again, and not ordered by dateline.
		const without = [
			{...members[2]!},
			{...facts('d.txt', 'July 19, 2020', NOW - 1), datelineDate: null},
		];
		const order = orderVersions(without, {nowMs: NOW});
		expect(order.basis).toBe('mtime');
		expect(order.notes).toEqual([
			'not ordered by dateline: d.txt has a dateline that is not a date',
		]);
	});

	it('orders nothing and one version without complaint', () => {
		expect(orderVersions([], {nowMs: NOW})).toEqual({versions: [], basis: 'dateline', notes: []});
		expect(ids([facts('a.txt', undefined, 1)])).toEqual(['a.txt']);
	});
});
