/**
 * The synthetic bench corpus: news-like plain-text articles generated from a seeded PRNG, so
 * every run on every machine measures the same bytes. Generated once into
 * .bench-cache/<name>/ at the repository root and reused while its manifest says it is complete
 * and was made by this generator version with the same options.
 *
 * Text model: a vocabulary of ~40,000 syllable-built pseudo-words ranked after a few hundred
 * common English words, drawn with Zipf–Mandelbrot frequencies. Each article also has its own
 * topic words and names, drawn often; that is what makes two unrelated articles dissimilar (as
 * real ones are), so the only near-duplicates are the planted pairs listed in the manifest.
 */
import {mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {hardWrap, seededRandom} from '../fixtures/prose.js';

/** Bump whenever the output for the same options changes, so stale caches are regenerated. */
export const GENERATOR_VERSION = 1;

export interface CorpusOptions {
	/** Cache folder name under the cache root, e.g. 'full' or 'quick'. */
	readonly name: string;
	readonly documents: number;
	/** Approximate total size of the documents in bytes. */
	readonly targetBytes: number;
	readonly seed?: number;
	/** Size of the extra files relative to the full bench (5 MB article, 1.2 MB and 5 MB diff
	 * pairs with 400 and 1,600 edits). Default 1. */
	readonly extrasScale?: number;
	/** Where corpora are cached; default .bench-cache at the repository root. */
	readonly cacheRoot?: string;
}

export interface DiffPair {
	readonly a: string;
	readonly b: string;
	/** Single-word edits planted in b. */
	readonly edits: number;
}

export interface GeneratedCorpus {
	/** Folder holding exactly `documents` articles (some in sub-folders). */
	readonly folder: string;
	readonly documents: number;
	/** Total size of the articles in `folder`. */
	readonly bytes: number;
	/** Every planted near-duplicate pair: ids relative to `folder`, '/' separators. */
	readonly nearDuplicates: [string, string][];
	/** One very long article, outside `folder`. */
	readonly largeArticle: string;
	/** An article and a copy with single-word edits, same layout. Outside `folder`. */
	readonly diffPairSmall: DiffPair;
	/** A very long article and a copy with single-word edits, re-wrapped lines and some
	 * paragraph breaks moved. Outside `folder`. */
	readonly diffPairLarge: DiffPair;
}

export const FULL_CORPUS: CorpusOptions = {
	name: 'full',
	documents: 10_000,
	targetBytes: 50_000_000,
};
export const QUICK_CORPUS: CorpusOptions = {
	name: 'quick',
	documents: 300,
	targetBytes: 1_500_000,
	extrasScale: 0.2,
};

const DEFAULT_SEED = 20_240_601;
const DEFAULT_CACHE_ROOT = resolve(
	dirname(fileURLToPath(import.meta.url)),
	'..',
	'..',
	'.bench-cache',
);

// ── Random numbers ─────────────────────────────────────────────────────────────────────────

/** Seeded numbers (mulberry32, Math.random cannot be seeded), with the draws the generator needs. */
export class Random {
	private readonly next: () => number;

	constructor(seed: number) {
		this.next = seededRandom(seed);
	}

	float(): number {
		return this.next();
	}

	/** An integer in [min, max]. */
	int(min: number, max: number): number {
		return min + Math.floor(this.float() * (max - min + 1));
	}

	chance(probability: number): boolean {
		return this.float() < probability;
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.float() * items.length)] as T;
	}

	/** Standard normal deviate (Box–Muller). */
	normal(): number {
		return Math.sqrt(-2 * Math.log(1 - this.float())) * Math.cos(2 * Math.PI * this.float());
	}
}

// ── Vocabulary ─────────────────────────────────────────────────────────────────────────────

/** Roughly in order of frequency in English news, so they take the top Zipf ranks. */
const COMMON_WORDS = `the of and to a in that is for on it was with as he said at by his be
from are have has an but not they were this its had which will who their been would been more
after one also we about there or up can than two she new her all other when first over what
could into some last out year years people only there them if no time government most so
three may him those just told while against percent before because under like where such
many any during state since between through him these being made million through should
week back former both including then our us did now police how around four even well its
day still officials news minister president country city told per cent later still again
several much very do does own off another each between according five group part same
around early support public another every among national report without going end high
without set next until whether though called long later less never make big take already
often local business company officials month time months days added told found expected
world family court house united far second around down show work law including world six
president party health case least country school nearly recent news might political must
security members area ten almost far military near plan likely use come came despite whose
major small top given market children within think want seven along took small half
leader help both whole eight policy right left across real known here rather further
nine others across million billion officials life women men death power again able
war water open told economic foreign better old young among statement cost system
international general campaign future global move called held leaders known`
	.split(/\s+/)
	.filter((word, index, all) => word && all.indexOf(word) === index);

const ONSETS = [
	'',
	'',
	'',
	...'b c d f g h j k l m n p r s t v w z br cr dr fr gr pr tr bl cl fl gl pl sl st sp sk sm sn ch sh th qu wh'.split(
		' ',
	),
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'o', 'ai', 'ea', 'ou', 'io', 'ee', 'oa', 'y'];
const CODAS = [
	'',
	'',
	'',
	'',
	'',
	'',
	'',
	'',
	'n',
	'r',
	's',
	't',
	'l',
	'm',
	'nd',
	'st',
	'rt',
	'ck',
	'ng',
	'nt',
];

const PSEUDO_WORDS = 40_000;

interface Vocabulary {
	/** Words by Zipf rank: common English first, then pseudo-words. */
	readonly words: readonly string[];
	/** Cumulative Zipf–Mandelbrot weights by rank, for sampling by binary search. */
	readonly cumulative: Float64Array;
	/** First rank of the rare pseudo-words that topic words are drawn from. */
	readonly rareFrom: number;
}

function pseudoWord(random: Random): string {
	const syllables = random.pick([1, 1, 2, 2, 2, 3]);
	let word = '';
	for (let index = 0; index < syllables; index++) {
		word += random.pick(ONSETS) + random.pick(VOWELS) + random.pick(CODAS);
	}
	return word;
}

function buildVocabulary(random: Random): Vocabulary {
	const seen = new Set(COMMON_WORDS);
	const words = [...COMMON_WORDS];
	while (words.length < COMMON_WORDS.length + PSEUDO_WORDS) {
		const word = pseudoWord(random);
		if (word.length < 2 || seen.has(word)) continue;
		seen.add(word);
		words.push(word);
	}
	const cumulative = new Float64Array(words.length);
	let total = 0;
	for (let rank = 0; rank < words.length; rank++) {
		total += 1 / (rank + 1.5) ** 1.05;
		cumulative[rank] = total;
	}
	return {words, cumulative, rareFrom: COMMON_WORDS.length + 2000};
}

function zipfWord(vocabulary: Vocabulary, random: Random): string {
	const {cumulative, words} = vocabulary;
	const target = random.float() * (cumulative[cumulative.length - 1] ?? 0);
	let low = 0;
	let high = cumulative.length - 1;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if ((cumulative[middle] ?? 0) < target) low = middle + 1;
		else high = middle;
	}
	return words[low] ?? 'the';
}

function capitalise(word: string): string {
	return word.charAt(0).toUpperCase() + word.slice(1);
}

// ── Articles ───────────────────────────────────────────────────────────────────────────────

type Sentence = string[];
type Paragraph = Sentence[];
type Layout =
	| {readonly kind: 'blank-separated'}
	| {readonly kind: 'hard-wrapped'; readonly width: number}
	| {readonly kind: 'line-per-paragraph'};

interface Article {
	readonly headline: string | undefined;
	readonly paragraphs: Paragraph[];
	readonly footer: string | undefined;
	readonly layout: Layout;
}

/** Words and names one article keeps coming back to. */
interface Topic {
	readonly words: readonly string[];
	readonly names: readonly string[];
}

/** Mean size of a generated paragraph, measured. */
const PARAGRAPH_BYTES = 360;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August'];

class ArticleWriter {
	constructor(
		private readonly vocabulary: Vocabulary,
		private readonly random: Random,
	) {}

	topic(): Topic {
		const {words: all, rareFrom} = this.vocabulary;
		const rare = () => all[this.random.int(rareFrom, all.length - 1)] ?? 'zed';
		const words = Array.from({length: this.random.int(10, 24)}, rare);
		const names = Array.from({length: this.random.int(3, 7)}, () => capitalise(rare()));
		return {words, names};
	}

	word(topic: Topic): string {
		const roll = this.random.float();
		if (roll < 0.05) return this.random.pick(topic.words);
		if (roll < 0.07) return this.random.pick(topic.names);
		if (roll < 0.08) return this.number();
		return zipfWord(this.vocabulary, this.random);
	}

	number(): string {
		const kind = this.random.int(0, 3);
		if (kind === 0) return String(this.random.int(2, 99));
		if (kind === 1) return String(this.random.int(1950, 2025));
		if (kind === 2) return `${this.random.int(1, 99)}.${this.random.int(0, 9)}`;
		return `${this.random.int(1, 999)},${String(this.random.int(0, 999)).padStart(3, '0')}`;
	}

	sentence(topic: Topic): Sentence {
		const length = Math.max(4, Math.min(40, Math.round(18 + 7 * this.random.normal())));
		const tokens: string[] = [];
		for (let index = 0; index < length; index++) {
			let token = this.word(topic);
			if (index === 0) token = capitalise(token);
			if (index < length - 1 && index > 1 && this.random.chance(0.06)) token += ',';
			tokens.push(token);
		}
		const roll = this.random.float();
		if (roll < 0.06) {
			tokens[0] = `“${tokens[0] ?? ''}`;
			tokens[length - 1] += ',”';
			tokens.push('said', this.random.pick(topic.names) + '.');
		} else {
			tokens[length - 1] += roll < 0.09 ? '?' : roll < 0.1 ? '!' : '.';
		}
		return tokens;
	}

	paragraph(topic: Topic): Paragraph {
		const sentences = Math.max(1, Math.min(7, Math.round(2.6 + 1.4 * this.random.normal())));
		return Array.from({length: sentences}, () => this.sentence(topic));
	}

	headline(topic: Topic): string {
		const length = this.random.int(5, 12);
		const words: string[] = [];
		for (let index = 0; index < length; index++) {
			const word = this.word(topic);
			words.push(index === 0 || word.length > 3 ? capitalise(word) : word);
		}
		return words.join(' ');
	}

	dateline(topic: Topic): string {
		const city = (this.random.pick(topic.names) ?? 'City').toUpperCase();
		return `${city}, ${this.random.pick(MONTHS)} ${this.random.int(1, 28)} —`;
	}

	footer(topic: Topic): string {
		const [first, second] = [this.random.pick(topic.names), this.random.pick(topic.names)];
		return this.random.chance(0.5)
			? `Reporting by ${first} ${second}; editing by ${this.random.pick(topic.names)}`
			: `© ${this.random.int(2015, 2025)} ${first} News Agency. All rights reserved.`;
	}

	layout(): Layout {
		const roll = this.random.float();
		if (roll < 0.55) return {kind: 'blank-separated'};
		if (roll < 0.9)
			return {kind: 'hard-wrapped', width: this.random.pick([68, 70, 72, 72, 72, 76])};
		return {kind: 'line-per-paragraph'};
	}

	/** An article of about `bytes` bytes. */
	article(bytes: number): Article {
		let topic = this.topic();
		const headline = this.random.chance(0.85) ? this.headline(topic) : undefined;
		const footer = this.random.chance(0.3) ? this.footer(topic) : undefined;
		const paragraphs: Paragraph[] = [];
		// Stopping half a paragraph early makes the mean size match `bytes`.
		let size = (headline?.length ?? 0) + (footer?.length ?? 0) + PARAGRAPH_BYTES / 2;
		while (size < bytes) {
			// Long reports move on from subject to subject.
			if (paragraphs.length % 40 === 39) topic = this.topic();
			const paragraph = this.paragraph(topic);
			if (paragraphs.length === 0 && this.random.chance(0.4)) {
				paragraph[0]?.unshift(this.dateline(topic));
			}
			paragraphs.push(paragraph);
			size += paragraphBytes(paragraph) + 2;
		}
		return {headline, paragraphs, footer, layout: this.layout()};
	}

	/** Replaces the word of `count` distinct tokens with different words, keeping capitals and
	 * punctuation: single-word edits a word diff should find one by one. */
	editWords(paragraphs: Paragraph[], count: number): Paragraph[] {
		const copy = paragraphs.map((paragraph) => paragraph.map((sentence) => [...sentence]));
		const sentences = copy.flat();
		const tokens = sentences.reduce((total, sentence) => total + sentence.length, 0);
		const edited = new Set<number>();
		while (edited.size < Math.min(count, tokens)) {
			const position = this.random.int(0, tokens - 1);
			// Neighbours stay untouched so that every edit is a separate one-word change.
			if (edited.has(position - 1) || edited.has(position) || edited.has(position + 1)) continue;
			let offset = position;
			const sentence = sentences.find((candidate) => {
				if (offset < candidate.length) return true;
				offset -= candidate.length;
				return false;
			});
			const token = sentence?.[offset];
			const parts =
				token === undefined ? null : /^(\W*)([\p{L}\d][\p{L}\d.,]*?)(\W*)$/u.exec(token);
			if (!sentence || !parts) continue;
			const [, before = '', word = '', after = ''] = parts;
			let replacement = zipfWord(this.vocabulary, this.random);
			if (replacement.toLowerCase() === word.toLowerCase()) continue;
			if (/^\p{Lu}/u.test(word)) replacement = capitalise(replacement);
			sentence[offset] = before + replacement + after;
			edited.add(position);
		}
		return copy;
	}
}

function paragraphBytes(paragraph: Paragraph): number {
	let bytes = 0;
	for (const sentence of paragraph) for (const token of sentence) bytes += token.length + 1;
	return bytes;
}

function paragraphText(paragraph: Paragraph): string {
	return paragraph.map((sentence) => sentence.join(' ')).join(' ');
}

function render(article: Article): string {
	const {layout} = article;
	const body = article.paragraphs.map((paragraph) => {
		const text = paragraphText(paragraph);
		return layout.kind === 'hard-wrapped' ? hardWrap(text, layout.width).join('\n') : text;
	});
	if (article.footer) body.push(article.footer);
	const separator = layout.kind === 'line-per-paragraph' ? '\n' : '\n\n';
	const head = article.headline ? `${article.headline}\n\n` : '';
	return `${head}${body.join(separator)}\n`;
}

// ── Near-duplicates and diff pairs ─────────────────────────────────────────────────────────

/** A later version of `article`: a few words edited, headline and/or footer changed, laid out
 * with different line breaks. */
function revise(article: Article, writer: ArticleWriter, random: Random): Article {
	const changeHeadline = article.headline !== undefined && random.chance(0.6);
	const headline = changeHeadline ? `${article.headline} (updated)` : article.headline;
	const footer =
		!changeHeadline || random.chance(0.3)
			? `This story was updated on ${random.pick(MONTHS)} ${random.int(1, 28)} to add details.`
			: article.footer;
	const layout: Layout =
		article.layout.kind === 'hard-wrapped'
			? {kind: 'hard-wrapped', width: article.layout.width === 64 ? 70 : 64}
			: {kind: 'hard-wrapped', width: 66};
	const paragraphs = writer.editWords(article.paragraphs, random.int(2, 6));
	return {headline, paragraphs, footer, layout};
}

/** Moves the break between some neighbouring paragraphs by one sentence, either way. */
function moveParagraphBreaks(paragraphs: Paragraph[], share: number, random: Random): Paragraph[] {
	const moved = paragraphs.map((paragraph) => [...paragraph]);
	for (let index = 0; index + 1 < moved.length; index++) {
		if (!random.chance(share)) continue;
		const [current, next] = [moved[index] ?? [], moved[index + 1] ?? []];
		if (random.chance(0.5) && current.length > 1) next.unshift(current.pop() ?? []);
		else if (next.length > 1) current.push(next.shift() ?? []);
	}
	return moved;
}

function longArticle(writer: ArticleWriter, bytes: number, layout: Layout): Article {
	const article = writer.article(bytes);
	return {...article, headline: article.headline ?? 'A Very Long Report', layout};
}

// ── Files and cache ────────────────────────────────────────────────────────────────────────

const FOLDERS = ['world', 'business/markets', 'archive/2019', 'sport'];

function slug(article: Article): string {
	const source = article.headline ?? paragraphText(article.paragraphs[0] ?? []);
	const words = source.toLowerCase().match(/[a-z]+/g) ?? ['article'];
	return words.slice(0, 4).join('-');
}

interface Manifest {
	readonly generatorVersion: number;
	readonly complete: boolean;
	readonly options: Required<Omit<CorpusOptions, 'name' | 'cacheRoot'>>;
	readonly documents: number;
	readonly bytes: number;
	readonly nearDuplicates: [string, string][];
	readonly diffEdits: {readonly small: number; readonly large: number};
	readonly generatedInMs: number;
}

const FILES = {
	folder: 'corpus',
	largeArticle: 'large-article.txt',
	diffSmallA: 'diff-small-a.txt',
	diffSmallB: 'diff-small-b.txt',
	diffLargeA: 'diff-large-a.txt',
	diffLargeB: 'diff-large-b.txt',
	manifest: 'manifest.json',
};

function describeCorpus(base: string, manifest: Manifest): GeneratedCorpus {
	return {
		folder: join(base, FILES.folder),
		documents: manifest.documents,
		bytes: manifest.bytes,
		nearDuplicates: manifest.nearDuplicates,
		largeArticle: join(base, FILES.largeArticle),
		diffPairSmall: {
			a: join(base, FILES.diffSmallA),
			b: join(base, FILES.diffSmallB),
			edits: manifest.diffEdits.small,
		},
		diffPairLarge: {
			a: join(base, FILES.diffLargeA),
			b: join(base, FILES.diffLargeB),
			edits: manifest.diffEdits.large,
		},
	};
}

function readManifest(base: string): Manifest | undefined {
	try {
		return JSON.parse(readFileSync(join(base, FILES.manifest), 'utf8')) as Manifest;
	} catch {
		return undefined;
	}
}

/** Generates the corpus described by `options`, or reuses the cached one. */
export async function generateCorpus(options: CorpusOptions): Promise<GeneratedCorpus> {
	const wanted = {
		documents: options.documents,
		targetBytes: options.targetBytes,
		seed: options.seed ?? DEFAULT_SEED,
		extrasScale: options.extrasScale ?? 1,
	};
	const base = join(options.cacheRoot ?? DEFAULT_CACHE_ROOT, options.name);
	const cached = readManifest(base);
	if (
		cached?.complete &&
		cached.generatorVersion === GENERATOR_VERSION &&
		JSON.stringify(cached.options) === JSON.stringify(wanted)
	) {
		return describeCorpus(base, cached);
	}

	// Written beside the final place and renamed, so an interrupted run never looks complete.
	const partial = `${base}.partial-${process.pid}`;
	rmSync(partial, {recursive: true, force: true});
	const manifest = writeCorpus(partial, wanted);
	rmSync(base, {recursive: true, force: true});
	renameSync(partial, base);
	return describeCorpus(base, manifest);
}

function writeCorpus(base: string, options: Manifest['options']): Manifest {
	const started = Date.now();
	const random = new Random(options.seed);
	const writer = new ArticleWriter(buildVocabulary(random), random);
	const folder = join(base, FILES.folder);
	mkdirSync(folder, {recursive: true});

	const pairs = Math.max(1, Math.round(options.documents / 100));
	const originals = Math.max(0, options.documents - pairs);
	// Log-normal sizes (many short articles, a few long ones) scaled to the target total.
	const weights = Array.from({length: originals}, () => Math.exp(0.6 * random.normal()));
	const weightTotal = weights.reduce((sum, weight) => sum + weight, 0);
	const meanBytes = options.targetBytes / Math.max(1, options.documents);
	const articles = weights.map((weight) =>
		writer.article(Math.max(1200, (weight / weightTotal) * originals * meanBytes)),
	);
	const copyOf = new Map<number, number>();
	for (let pair = 0; pair < pairs && pair < originals; pair++) {
		copyOf.set(articles.length, pair * Math.floor(originals / pairs));
		articles.push(
			revise(articles[pair * Math.floor(originals / pairs)] as Article, writer, random),
		);
	}

	// Numbers are shuffled so copies do not all sort after the originals.
	const numbers = articles.map((_, index) => index);
	for (let index = numbers.length - 1; index > 0; index--) {
		const other = random.int(0, index);
		[numbers[index], numbers[other]] = [numbers[other] as number, numbers[index] as number];
	}
	const ids = articles.map((article, index) => {
		const name = `${String(numbers[index]).padStart(5, '0')}-${slug(article)}.txt`;
		return random.chance(0.05) ? `${random.pick(FOLDERS)}/${name}` : name;
	});
	let bytes = 0;
	for (const [index, article] of articles.entries()) {
		const path = join(folder, ...(ids[index] as string).split('/'));
		mkdirSync(dirname(path), {recursive: true});
		const text = render(article);
		writeFileSync(path, text);
		bytes += Buffer.byteLength(text);
	}
	const nearDuplicates = [...copyOf].map(([copy, original]): [string, string] => [
		ids[original] as string,
		ids[copy] as string,
	]);

	const scale = options.extrasScale;
	const large = longArticle(writer, 5_000_000 * scale, {kind: 'blank-separated'});
	writeFileSync(join(base, FILES.largeArticle), render(large));

	const smallEdits = Math.round(400 * scale);
	const small = longArticle(writer, 1_200_000 * scale, {kind: 'blank-separated'});
	writeFileSync(join(base, FILES.diffSmallA), render(small));
	const smallEdited = writer.editWords(small.paragraphs, smallEdits);
	writeFileSync(join(base, FILES.diffSmallB), render({...small, paragraphs: smallEdited}));

	const largeEdits = Math.round(1600 * scale);
	const before = longArticle(writer, 5_000_000 * scale, {kind: 'hard-wrapped', width: 72});
	writeFileSync(join(base, FILES.diffLargeA), render(before));
	const after = moveParagraphBreaks(writer.editWords(before.paragraphs, largeEdits), 0.05, random);
	const afterLayout: Layout = {kind: 'hard-wrapped', width: 64};
	writeFileSync(
		join(base, FILES.diffLargeB),
		render({...before, paragraphs: after, layout: afterLayout}),
	);

	const manifest: Manifest = {
		generatorVersion: GENERATOR_VERSION,
		complete: true,
		options,
		documents: articles.length,
		bytes,
		nearDuplicates,
		diffEdits: {small: smallEdits, large: largeEdits},
		generatedInMs: Date.now() - started,
	};
	writeFileSync(join(base, FILES.manifest), `${JSON.stringify(manifest, null, '\t')}\n`);
	return manifest;
}
