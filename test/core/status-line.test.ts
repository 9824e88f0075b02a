import {describe, expect, it} from 'vitest';
import {statusLine} from '../../source/core/status-line.js';
import {cellWidth} from '../../source/core/text/width.js';

describe('statusLine', () => {
	it('puts the hints at the right edge and fills exactly the width', () => {
		const line = statusLine('5 documents · 1/5', '? help  q quit', 60);
		expect(cellWidth(line)).toBe(60);
		expect(line.startsWith('5 documents · 1/5 ')).toBe(true);
		expect(line.endsWith(' ? help  q quit')).toBe(true);
	});

	it('drops the hints before cutting what and where, when they would take half the line', () => {
		const line = statusLine(
			'line 1/130 · 32% · 伊朗与伊拉克的关系前景',
			'/ search  ? help  q back',
			40,
		);
		expect(cellWidth(line)).toBe(40);
		expect(line).not.toContain('help');
		expect(line.startsWith('line 1/130 · 32%')).toBe(true);
	});

	it('drops the hints whenever the left part would not fit beside them', () => {
		// The hints would take under half the line, but the figures need it.
		const left = 'A 1,270 w, B 1,266 w · −17 +13 · 98.8% similar · 000_fcf7af474';
		const line = statusLine(left, '? help  q back', 70);
		expect(line.trimEnd()).toBe(left);
		expect(statusLine('5 documents', '? help  q quit', 80)).toMatch(
			/^5 documents +\? help {2}q quit$/,
		);
	});
});
