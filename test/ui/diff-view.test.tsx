import React from 'react';
import {afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {render} from 'ink-testing-library';
import type {Document} from '../../source/core/types.js';
import {DiffView} from '../../source/ui/diff-view.js';
import {ColourProvider} from '../../source/ui/theme.js';
import {seedDocuments} from '../fixtures/seeds.js';

/** Seeds 000 and 001: one article saved twice; 001 adds a headline and a dateline and has a
 * different footer. */
let a: Document;
let b: Document;
const mounted: {unmount: () => void}[] = [];

beforeAll(async () => {
	const seeds = seedDocuments();
	a = seeds.find((document) => document.id.startsWith('000'))!;
	b = seeds.find((document) => document.id.startsWith('001'))!;
});

afterEach(() => {
	for (const app of mounted.splice(0)) app.unmount();
});

function open(width: number, height = 24) {
	const calls = {back: 0};
	const app = render(
		<ColourProvider colour={false}>
			<DiffView a={a} b={b} width={width} height={height} isActive onBack={() => calls.back++} />
		</ColourProvider>,
	);
	mounted.push(app);
	const frame = () => app.lastFrame() ?? '';
	const lines = () => frame().split('\n');
	const until = (test: (frame: string) => boolean) =>
		vi.waitFor(
			() => {
				if (!test(frame())) throw new Error(`frame not there yet:\n${frame()}`);
			},
			{timeout: 2000, interval: 5},
		);
	const press = async (key: string, then: (frame: string) => boolean) => {
		app.stdin.write(key);
		await until(then);
	};
	return {app, calls, frame, lines, until, press};
}

describe('DiffView on seeds 000 and 001', () => {
	it('shows them side by side at 140 columns: A left, B right, the headline inserted', async () => {
		const view = open(140, 30);
		await view.until((frame) => frame.includes('2 changes'));
		const lines = view.lines();
		expect(lines).toHaveLength(30);
		expect(lines[0]).toMatch(/^A 000_fcf7af4745e890eb\.txt +│ B 001_2da24b835264bdcc\.txt/);
		// The inserted headline faces blank rows on A's side; without colour it is bracketed.
		const headline = lines.find((line) => line.includes('Prospects'))!;
		expect(headline).toMatch(/^ {69}│ \{\+Prospects of Iran-Iraq ties\+\}/);
		const shared = lines.find((line) => line.startsWith('In his first'))!;
		expect(shared.split('│')[1]).toMatch(/^ In his first/);
		expect(lines.at(-1)).toMatch(
			/^2 changes · A 1,270 w, B 1,266 w · −17 \+13 · 98\.8% similar · 000_/,
		);
	});

	it('shows them inline at 80 columns, and the footer deleted and inserted after n n', async () => {
		const view = open(80);
		await view.until((frame) => frame.includes('{+Prospects of Iran-Iraq ties+}'));
		expect(view.lines()[0]).toBe('A 000_fcf7af4745e890eb.txt → B 001_2da24b835264bdcc.txt');
		expect(view.lines()[3]).toBe('{+July 20, 2020 - 21:8+}');
		await view.press('n', (frame) => frame.includes('change 1/2'));
		await view.press('n', (frame) => frame.includes('change 2/2'));
		const frame = view.frame();
		expect(frame).toContain('[-All Content by Mehr News Agency');
		expect(frame).toContain('{+Leave a Comment+}');
		await view.press('n', (text) => text.includes('last change reached, continuing at the first'));
		expect(view.frame()).toContain('{+Prospects');
	});

	it('toggles side by side with s, and goes back with q', async () => {
		const view = open(80);
		await view.until((frame) => frame.includes('→ B 001'));
		await view.press('s', (frame) => frame.includes('│ B 001'));
		await view.press('s', (frame) => frame.includes('→ B 001'));
		view.app.stdin.write('q');
		await vi.waitFor(() => expect(view.calls.back).toBe(1));
	});
});
