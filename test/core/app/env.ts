/** An AppEnv made from core pieces only, the way ui/app.tsx makes one, for the step's tests. */
import type {AppEnv, DiffRequest} from '../../../source/core/app/state.js';
import type {CorpusState} from '../../../source/core/corpus/state.js';
import {diffDocuments, editsOf} from '../../../source/core/diff/diff-documents.js';
import {changesInStory, splitRegions} from '../../../source/core/diff/regions.js';
import {DiffLayout} from '../../../source/core/diff/rows.js';
import {FoldedRows, foldFinderFor, type FoldFinder} from '../../../source/core/diff/folded-rows.js';
import {DiffSearch, matchTargets} from '../../../source/core/diff/search.js';
import type {DiffResult} from '../../../source/core/diff/types.js';
import {diffViewModel} from '../../../source/core/diff-view/model.js';
import {GUTTER_WIDTH, type DiffView} from '../../../source/core/diff-view/state.js';
import {
	layoutDocument,
	type Anchor,
	type ReaderLayout,
} from '../../../source/core/reader/layout.js';
import {SearchIndex} from '../../../source/core/search/index.js';
import type {Document} from '../../../source/core/types.js';
import {VersionIndex} from '../../../source/core/versions/version-index.js';
import {historyEnv} from '../../../source/core/app/history-env.js';
import type {ModifiedOf} from '../../../source/core/history/stories.js';

export interface TestEnvOptions {
	readonly columns?: number;
	readonly rows?: number;
	/** Documents indexed so far (all by default): fewer means the versions are not known. */
	readonly indexed?: number;
	/** Whether the reader's and the diff's modules have loaded. */
	readonly loaded?: boolean;
	readonly remembered?: (document: Document) => Anchor | undefined;
	readonly placeChanged?: (document: Document) => boolean;
	/** File times for ordering versions without datelines; none known by default. */
	readonly modifiedOf?: ModifiedOf;
}

/** The bench's and tests' present: after every generated dateline, so none is in the future. */
export const TEST_NOW_MS = Date.UTC(2026, 0, 1);

export function testEnv(documents: readonly Document[], options: TestEnvOptions = {}): AppEnv {
	const indexed = options.indexed ?? documents.length;
	const search = new SearchIndex();
	const versions = new VersionIndex();
	search.add(documents.slice(0, indexed));
	versions.add(documents.slice(0, indexed));
	const corpus: CorpusState = {
		documents,
		skipped: [],
		loaded: documents.length,
		total: documents.length,
		done: true,
		error: undefined,
		refreshing: new Set(),
		unchecked: 0,
		readAgain: [],
	};
	const layouts = new Map<string, ReaderLayout>();
	const diffs = new Map<
		string,
		{result: DiffResult; layout: DiffLayout; folds: FoldFinder; shown: number[] | undefined}
	>();
	const loaded = options.loaded ?? true;
	return {
		columns: options.columns ?? 100,
		rows: options.rows ?? 24,
		folderLabel: 'seeds',
		corpus,
		indexed,
		// As the app answers: not the whole folder's until every document is indexed.
		search: (query) => {
			if (indexed === 0) return undefined;
			const found = search.search(query);
			return {
				total: found.total,
				results: found.results,
				slice: found.slice,
				at: found.at,
				complete: indexed >= documents.length,
			};
		},
		versions: {
			ready: indexed >= documents.length,
			closest: (document) =>
				documents.find((each) => each.id === versions.closestVersion(document.id)?.id),
			count: (id) => versions.groupOf(id)?.documents.length ?? 0,
		},
		readerLayout: loaded
			? (document, columns) => {
					const key = `${document.id} ${columns}`;
					if (!layouts.has(key)) layouts.set(key, layoutDocument(document, columns));
					return layouts.get(key)!;
				}
			: undefined,
		diffView: loaded
			? (request: DiffRequest): DiffView => {
					const key = `${request.a.id} ${request.b.id} ${request.mode} ${request.layout} ${request.columns} ${request.storyOnly}`;
					let made = diffs.get(key);
					if (!made) {
						const result = diffDocuments(request.a, request.b, {layout: request.layout});
						const layout = new DiffLayout(result, {
							mode: request.mode,
							width: request.columns - GUTTER_WIDTH,
							layout: request.layout,
							brackets: true,
						});
						const counts = request.storyOnly
							? changesInStory(
									result,
									{regions: splitRegions(request.a.text)},
									{regions: splitRegions(request.b.text)},
									editsOf,
								)
							: undefined;
						const folds = foldFinderFor(layout, result, counts && ((change) => counts[change]!));
						const shown = counts?.flatMap((counted, index) => (counted ? [index] : []));
						made = {result, layout, folds, shown};
						diffs.set(key, made);
					}
					const folded = new FoldedRows(made.folds, request.folds);
					const search = new DiffSearch(request.a, request.b);
					const targets =
						request.query === '' ? [] : matchTargets(made.result, search.find(request.query));
					const matcher = search.matcher(request.query);
					return diffViewModel(request, made.result, folded, targets, matcher, made.shown);
				}
			: undefined,
		remembered: options.remembered ?? (() => undefined),
		...(options.placeChanged ? {placeChanged: options.placeChanged} : {}),
		history: loaded
			? historyEnv(versions.groups(), documents, {
					nowMs: TEST_NOW_MS,
					...(options.modifiedOf ? {modifiedOf: options.modifiedOf} : {}),
				})
			: undefined,
	};
}
