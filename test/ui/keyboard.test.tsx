import {afterEach, describe, expect, it, vi} from 'vitest';
import {seededRandom} from '../fixtures/prose.js';
import {untilKeysAnswered} from '../../source/ui/key-activity.js';
import {renderApp, unmountAll, type RenderedApp} from './render-app.js';

afterEach(() => unmountAll());

/** Keys as a terminal sends them: letters, Space, Enter, Esc, Backspace, Ctrl+N, ↓. */
const KEYS = [
	'j',
	'k',
	'g',
	'G',
	' ',
	'/',
	'i',
	'r',
	'a',
	'n',
	'z',
	'\r',
	'\u001B',
	'\u007F',
	'\u000E',
	'\u001B[B',
	'd',
	'?',
	'N',
];

async function indexed(): Promise<RenderedApp> {
	const app = renderApp({rows: 20});
	// The versions badge shows once the indexes are built: from then on nothing changes but keys.
	await app.until((frame) => frame.includes('[2 versions]'), 'the indexed library');
	return app;
}

describe('the production keyboard path', () => {
	it('draws the same screen for keys written at once as for the same keys one per tick', async () => {
		const random = seededRandom(7);
		for (let run = 0; run < 6; run++) {
			const keys = Array.from(
				{length: 4 + Math.floor(random() * 8)},
				() => KEYS[Math.floor(random() * KEYS.length)]!,
			);
			const [slow, fast] = [await indexed(), await indexed()];
			await slow.typeSlowly(...keys);
			fast.write(keys.join(''));
			await fast.until(
				(frame) => frame === slow.frame(),
				`the screen after ${JSON.stringify(keys)}`,
			);
			expect(fast.quits).toEqual(slow.quits);
			unmountAll();
		}
	});
});

describe('keys and background work', () => {
	it('a key that changes nothing lets background work go on at once; one that does waits for its frame', async () => {
		const app = await indexed();
		// At the first row, k moves nowhere: nothing to draw, so nothing to wait for.
		await app.typeSlowly('k');
		expect(untilKeysAnswered()).toBe(0);
		// j moves: background work waits for the frame, which this harness never reports (the
		// app's launcher tells key-activity from Ink's onRender).
		await app.typeSlowly('j');
		expect(untilKeysAnswered()).toBeGreaterThan(0);
	});

	it('with the launcher’s Ink options, the frame Ink draws for a key lets background work go on', async () => {
		const app = renderApp({rows: 20, launched: true});
		await app.until((frame) => frame.includes('[2 versions]'), 'the indexed library');
		const sent = performance.now();
		app.write('j');
		// Counted from when j was sent: 0 once a frame was drawn after it was read; without one,
		// 100 ms after the keys (so at least 100 from here) whenever it is asked.
		await vi.waitFor(() => expect(untilKeysAnswered(sent)).toBe(0), {timeout: 5000, interval: 5});
	});
});
