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
});
