import React from 'react';
import {render} from 'ink-testing-library';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {layoutDocument, type ReaderLayout} from '../../source/core/reader/layout.js';
import type {Document} from '../../source/core/types.js';
import {noteKeys} from '../../source/ui/key-activity.js';
import {useReaderPrefetch} from '../../source/ui/use-reader-prefetch.js';
import {paragraphs} from '../fixtures/prose.js';
import {documentFromText} from '../fixtures/seeds.js';

function documentOf(id: string, paragraphCount: number): Document {
	return documentFromText(paragraphs(paragraphCount, id.length).join('\n\n'), id);
}

// About 400 KB and 4 KB: one over the size worth reading ahead, one under it.
const long = documentOf('long.txt', 2_000);
const short = documentOf('short.txt', 20);

function Prefetcher(props: {
	readonly document: Document | undefined;
	readonly layoutFor: (document: Document, columns: number) => ReaderLayout;
}): React.ReactNode {
	useReaderPrefetch(props.document, 100, props.layoutFor, 30);
	return null;
}

describe('useReaderPrefetch', () => {
	const asked: Array<{id: string; columns: number; lines: number}> = [];
	const layoutFor = (document: Document, columns: number) => {
		const layout = layoutDocument(document, columns);
		asked.push({id: document.id, columns, lines: 0});
		const ensureLines = layout.ensureLines.bind(layout);
		layout.ensureLines = (lines: number) => {
			asked.at(-1)!.lines = lines;
			return ensureLines(lines);
		};
		return layout;
	};

	beforeEach(() => {
		asked.length = 0;
		vi.useFakeTimers({
			toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'performance'],
		});
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it('lays out the first screen of a long article once the cursor has rested on it', async () => {
		expect(long.bytes).toBeGreaterThan(256 * 1024);
		noteKeys(performance.now());
		const app = render(<Prefetcher document={long} layoutFor={layoutFor} />);
		await vi.advanceTimersByTimeAsync(149);
		expect(asked).toEqual([]);
		await vi.advanceTimersByTimeAsync(2);
		expect(asked).toEqual([{id: 'long.txt', columns: 100, lines: 30}]);
		await vi.advanceTimersByTimeAsync(1_000);
		expect(asked).toHaveLength(1);
		app.unmount();
	});

	it('waits while keys come, and reads only the article the cursor stops on', async () => {
		const other = documentOf('other.txt', 2_100);
		noteKeys(performance.now());
		const app = render(<Prefetcher document={other} layoutFor={layoutFor} />);
		await vi.advanceTimersByTimeAsync(100);
		noteKeys(performance.now());
		await vi.advanceTimersByTimeAsync(100);
		expect(asked).toEqual([]);
		app.rerender(<Prefetcher document={long} layoutFor={layoutFor} />);
		noteKeys(performance.now());
		await vi.advanceTimersByTimeAsync(151);
		expect(asked.map((request) => request.id)).toEqual(['long.txt']);
		app.unmount();
	});

	it('does nothing for a short article, or when no article is under the cursor', async () => {
		noteKeys(performance.now());
		const app = render(<Prefetcher document={short} layoutFor={layoutFor} />);
		await vi.advanceTimersByTimeAsync(1_000);
		app.rerender(<Prefetcher document={undefined} layoutFor={layoutFor} />);
		await vi.advanceTimersByTimeAsync(1_000);
		expect(asked).toEqual([]);
		app.unmount();
	});
});
