import React, {useState} from 'react';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {render, cleanup} from 'ink-testing-library';
import {Library} from '../../source/ui/library.js';
import {
	initialLibraryState,
	libraryReducer,
	type LibraryState,
} from '../../source/core/library/state.js';
import {SearchIndex} from '../../source/core/search/index.js';
import type {Document} from '../../source/core/types.js';
import type {CorpusState} from '../../source/ui/use-corpus.js';
import {seedDocuments} from '../fixtures/seeds.js';

let documents: Document[] = [];
let index: SearchIndex;

beforeAll(async () => {
	documents = seedDocuments();
	index = new SearchIndex();
	index.add(documents);
});

afterEach(() => cleanup());

const opened: {document: Document; query: string | undefined}[] = [];

function Harness({
	width = 100,
	height = 20,
	corpus,
}: {
	width?: number;
	height?: number;
	corpus?: CorpusState;
}) {
	const [state, setState] = useState<LibraryState>(initialLibraryState);
	return (
		<Library
			folderLabel="seeds"
			corpus={
				corpus ?? {
					documents,
					skipped: [{id: 'x.bin', reason: 'binary'}],
					loaded: 6,
					total: 6,
					done: true,
					error: undefined,
				}
			}
			state={state}
			dispatch={(action, view) => setState((current) => libraryReducer(current, action, view))}
			width={width}
			height={height}
			searchIndex={index}
			indexed={documents.length}
			versionsOf={(id) => (id.startsWith('000') || id.startsWith('001') ? 2 : 0)}
			isActive
			onOpen={(document, search) => opened.push({document, query: search?.query})}
			onDiff={() => {}}
			onQuit={() => {}}
		/>
	);
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('<Library>', () => {
	it('draws one row per document, the versions badge and the status bar with skipped files', () => {
		const {lastFrame} = render(<Harness />);
		const frame = lastFrame()!;
		const lines = frame.split('\n');
		expect(lines).toHaveLength(20);
		expect(lines[0]).toContain('Reading Room · seeds');
		expect(lines[2]).toContain('Prospects of Iran-Iraq ties [2 versions]');
		expect(lines[19]).toContain('5 documents · 1/5 · 1 file skipped (binary)');
	});

	it('moves the pointer with j and opens the selected article with Enter', async () => {
		const {lastFrame, stdin} = render(<Harness />);
		stdin.write('j');
		await tick();
		expect(lastFrame()!.split('\n')[2]).toMatch(/^▸/);
		stdin.write('\r');
		await tick();
		expect(opened.at(-1)).toMatchObject({
			document: {id: '001_2da24b835264bdcc.txt'},
			query: undefined,
		});
	});

	it('filters as you type, shows "N of M match", and Esc restores the list and selection', async () => {
		const {lastFrame, stdin} = render(<Harness />);
		stdin.write('j');
		await tick();
		stdin.write('/');
		await tick();
		stdin.write('soleimany');
		await tick();
		const frame = lastFrame()!;
		expect(frame).toMatch(/\d of 5 match “soleimany”/);
		expect(frame).toContain('/soleimany█');
		expect(frame).toMatch(/Soleimani/);
		stdin.write('\u001B');
		await tick();
		const restored = lastFrame()!;
		expect(restored).toContain('5 documents · 2/5');
		expect(restored.split('\n')[2]).toMatch(/^▸/);
	});

	it('shows an empty state line, not an empty screen, when nothing matches', async () => {
		const {lastFrame, stdin} = render(<Harness />);
		stdin.write('/');
		await tick();
		stdin.write('"qqqq zzzz"');
		await tick();
		expect(lastFrame()).toContain('No articles match');
		expect(lastFrame()).toContain('0 of 5 match');
	});

	it('Enter keeps the filter; Enter again opens the article with the query', async () => {
		const {stdin} = render(<Harness />);
		stdin.write('/');
		await tick();
		stdin.write('rohani');
		await tick();
		stdin.write('\r');
		await tick();
		stdin.write('\r');
		await tick();
		expect(opened.at(-1)?.query).toBe('rohani');
		expect(opened.at(-1)?.document.text).toMatch(/Rouhani/);
	});

	it('shows help drawn from the keymap on ?', async () => {
		const {lastFrame, stdin} = render(<Harness />);
		stdin.write('?');
		await tick();
		expect(lastFrame()).toContain('Library — keys');
		expect(lastFrame()).toContain('Mark for comparison');
	});

	it('says it is loading while the corpus has not arrived', () => {
		const {lastFrame} = render(
			<Harness
				corpus={{
					documents: [],
					skipped: [],
					loaded: 0,
					total: 10_000,
					done: false,
					error: undefined,
				}}
			/>,
		);
		expect(lastFrame()).toContain('Loading…');
		expect(lastFrame()).toContain('loading 0 of 10,000');
	});
});
