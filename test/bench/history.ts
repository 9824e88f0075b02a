/**
 * History: opening the history of a story of 20 versions (order, the steps on screen diffed,
 * the first frame), against the screen's full word diff of every step as a peer; and ordering
 * every versions group of the bench corpus and diffing its steps in the background, in slices
 * of a few milliseconds as the app would run it, with the longest slice (what a key may wait
 * for). Loading, grouping and the files' times are measured apart and not counted.
 */
import {mkdtempSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {loadAll} from '../../source/core/corpus/load.js';
import {diffTexts} from '../../source/core/diff/diff-documents.js';
import {historyFrame, stepsWanted} from '../../source/core/history/frame.js';
import {orderVersions} from '../../source/core/history/order.js';
import {provenance} from '../../source/core/history/provenance.js';
import {provenanceLines} from '../../source/core/history/provenance-lines.js';
import {initialHistoryState} from '../../source/core/history/state.js';
import {StoryHistories} from '../../source/core/history/stories.js';
import {StoryHistory} from '../../source/core/history/story.js';
import type {Document} from '../../source/core/types.js';
import {findVersions} from '../../source/core/versions/version-index.js';
import {documentFromText} from '../fixtures/seeds.js';
import {paragraphs, seededRandom, sentence} from '../fixtures/prose.js';
import {measure, quantile, summarise} from './stats.js';
import type {BenchContext, BenchRow, BenchSuite} from './types.js';
import {startTerminal, type TerminalSession} from '../e2e/terminal.js';

/** A story saved `count` times: each revision adds a paragraph, removes one, or edits a few
 * words, and most change the dateline; the article is about `paragraphCount` paragraphs. */
export function generatedStory(count: number, paragraphCount: number): Document[] {
	const random = seededRandom(20);
	let body = paragraphs(paragraphCount, 21);
	let headline = 'Talks on border crossings resume in Baghdad';
	const documents: Document[] = [];
	for (let version = 0; version < count; version++) {
		if (version > 0) {
			const at = Math.floor(random() * body.length);
			const kind = version % 4;
			if (kind === 0)
				body = [...body.slice(0, at), sentence(random) + ' ' + sentence(random), ...body.slice(at)];
			else if (kind === 1 && body.length > 3) body = body.filter((_, index) => index !== at);
			else if (kind === 2)
				body = body.map((text, index) =>
					index === at ? text.replace(/\b\w+\b/, 'Meanwhile') : text,
				);
			else headline = `${headline.split(':')[0]}: update ${version}`;
		}
		const dateline = `July ${1 + version}, 2020 - ${8 + (version % 12)}:${String(version).padStart(2, '0')}`;
		const text = [headline, dateline, ...body].join('\n\n') + '\n';
		documents.push(documentFromText(text, `story-${String(version).padStart(2, '0')}.txt`));
	}
	return documents;
}

/** What the first frame of the history may spend diffing steps before it is drawn; the
 * steps left show "…" and are diffed between keys. */
const FIRST_FRAME_BUDGET_MS = 60;

/** Opens the history as the screen would: order, the steps on a 40-row screen that fit in the
 * first frame's budget, the frame. Returns the time to the frame and to every step diffed. */
function openHistory(documents: readonly Document[]): {frame: number; all: number} {
	const started = performance.now();
	const facts = documents.map((document) => ({
		id: document.id,
		dateline: document.dateline,
		modifiedMs: 0,
	}));
	const history = new StoryHistory(documents, orderVersions(facts, {nowMs: Date.now()}));
	const input = {
		history,
		state: initialHistoryState(documents.length - 1),
		current: documents.length - 1,
		width: 120,
		height: 39,
	};
	history.stepUntil(stepsWanted(input), () => performance.now() - started >= FIRST_FRAME_BUDGET_MS);
	historyFrame(input);
	const frame = performance.now() - started;
	history.stepUntil(stepsWanted(input), () => false);
	historyFrame(input);
	return {frame, all: performance.now() - started};
}

/** CPU milliseconds (user + system) spent in `work`. */
function cpuTime(work: () => void): number {
	const before = process.cpuUsage();
	work();
	const used = process.cpuUsage(before);
	return (used.user + used.system) / 1000;
}

/** A slice of background work, as the app's indexing slices: ~8 ms then a turn for keys. */
const SLICE_MS = 8;

export const historyBench: BenchSuite = async (context) => {
	const rows: BenchRow[] = [];
	const runs = Math.max(context.runs, 5);
	for (const [label, paragraphCount] of [
		['news article, ~1,300 words', 30],
		['long article, ~40,000 words', 900],
	] as const) {
		const story = generatedStory(20, paragraphCount);
		openHistory(story); // V8 compiles the diff and the frame once, as the app's first diff does.
		const times = Array.from({length: runs}, () => openHistory(story));
		const frame = summarise(times.map((time) => time.frame));
		const all = summarise(times.map((time) => time.all));
		const peer = await measure(() => {
			for (let index = 1; index < story.length; index++) {
				diffTexts(story[index - 1]!.text, story[index]!.text);
			}
		}, runs);
		const parts = await measure(() => {
			provenanceLines(provenance(story), 120);
		}, runs);
		rows.push(
			{
				group: 'history',
				name: `open history, 20 versions (${label})`,
				median: frame.median,
				p95: frame.p95,
				unit: 'ms',
				target: 150,
				note: `in-process: order by dateline, diff the steps on a 40-row screen within ${FIRST_FRAME_BUDGET_MS} ms (the rest show …), draw the first frame`,
			},
			{
				group: 'history',
				name: `which parts came when, laid out (${label})`,
				median: parts.median,
				p95: parts.p95,
				unit: 'ms',
				target: 150,
			},
			{
				group: 'history',
				name: `every step diffed and drawn (${label})`,
				median: all.median,
				p95: all.p95,
				unit: 'ms',
				peer: {name: 'screen diff of every step', median: peer.median},
			},
		);
	}

	rows.push(await historyKeyRow(context));

	const loadStarted = performance.now();
	const {documents} = await loadAll(context.corpus.folder);
	const groups = findVersions(documents);
	const modified = new Map(
		documents.map((document) => [document.id, statSync(document.path).mtimeMs]),
	);
	const setupMs = performance.now() - loadStarted;
	const totals: number[] = [];
	const slices: number[] = [];
	for (let run = 0; run < context.runs; run++) {
		const histories = new StoryHistories(groups, documents, {
			nowMs: Date.now(),
			modifiedOf: (document) => ({modifiedMs: modified.get(document.id) ?? 0}),
		});
		totals.push(
			cpuTime(() => {
				let done = false;
				while (!done) {
					const started = performance.now();
					done = histories.step(() => performance.now() - started >= SLICE_MS);
					slices.push(performance.now() - started);
				}
			}),
		);
	}
	const total = summarise(totals);
	const steps = groups.reduce((sum, group) => sum + group.documents.length - 1, 0);
	rows.push(
		{
			group: 'history',
			name: `order and diff every story, CPU (${documents.length} documents)`,
			median: total.median,
			p95: total.p95,
			unit: 'ms',
			note: `${groups.length} groups, ${steps} steps, in ${SLICE_MS} ms slices; loading, grouping and statting took ${Math.round(setupMs)} ms, not counted`,
		},
		{
			group: 'history',
			name: `one background slice (${SLICE_MS} ms asked)`,
			median: quantile(slices, 0.5),
			p95: quantile(slices, 0.95),
			unit: 'ms',
			target: 16,
			targetIsP95: true,
			note: `longest slice ${Math.max(...slices).toFixed(1)} ms of ${slices.length}`,
		},
	);
	return rows;
};

/**
 * `h` → the history's first frame, in the app in a pty: a folder holding one news story saved
 * 20 times, the library waited for until its versions are known (so `h` does not wait for
 * them), then `h` timed until the history shows its versions. One sample per start: a
 * history opened again is kept, with its steps diffed.
 */
async function historyKeyRow(context: BenchContext): Promise<BenchRow> {
	const folder = mkdtempSync(join(tmpdir(), 'reading-room-story-'));
	try {
		for (const document of generatedStory(20, 30)) {
			writeFileSync(join(folder, document.id), document.text);
		}
		const samples: number[] = [];
		const runs = Math.max(3, context.runs);
		for (let run = 0; run <= runs; run++) {
			const session: TerminalSession = startTerminal(context.cli, ['--no-state', folder], {
				cols: 120,
				rows: 40,
			});
			try {
				const patient = {timeout: 30_000};
				// The versions badge shows once the versions are known.
				await session.waitForText('[20 versions]', {...patient, description: 'the versions'});
				// The library's first frame is painted before the interface loads: help opens once
				// it takes keys.
				session.press('?');
				await session.waitForText('Library — keys', patient);
				session.press('?');
				await session.waitForText('20 documents', patient);
				const latency = await session.keyLatency('h', {
					until: (screen) => /History · 20 versions[^]*v20 /.test(screen),
					...patient,
				});
				// The first run warms the disk cache and is not counted.
				if (run > 0) samples.push(latency);
			} finally {
				session.dispose();
			}
		}
		const times = summarise(samples);
		return {
			group: 'history',
			name: 'h → history frame, 20 versions, pty',
			median: times.median,
			p95: times.p95,
			unit: 'ms',
			target: 150,
			note: 'keypress to the frame listing the versions, in the app at 120×40',
		};
	} finally {
		rmSync(folder, {recursive: true, force: true});
	}
}
