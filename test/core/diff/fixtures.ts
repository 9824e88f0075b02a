import {Random} from '../../bench/corpus.js';
import {seedFiles, seedText} from '../../fixtures/seeds.js';
import type {DiffResult} from '../../../source/core/diff/types.js';
import {tokenText} from '../../../source/core/diff/word-tokens.js';

/** An independent statement of the tokenizer's rule, to check its output against. */
export function oracleTokens(text: string): string[] {
	return (
		text.match(
			/[\p{L}\p{M}\p{N}\u200c\u200d]+(?:['’][\p{L}\p{M}\p{N}\u200c\u200d]+)*|[^\s\p{L}\p{M}\p{N}\u200c\u200d]/gu,
		) ?? []
	);
}

/** The words of all seeds (letters and digits only), in reading order: a natural vocabulary. */
const seedWords = seedFiles.flatMap((name) => seedText(name).match(/[\p{L}\p{N}]+/gu) ?? []);

/** Seeded prose from the seeds' words: sentences, paragraphs separated by blank lines. */
export function generateWords(count: number, seed: number): string[] {
	const random = new Random(seed);
	return Array.from({length: count}, () => random.pick(seedWords));
}

export function renderWords(words: readonly string[], seed: number, lineWidth = 0): string {
	const random = new Random(seed);
	let text = '';
	let line = 0;
	for (let i = 0; i < words.length; i++) {
		const word = words[i]!;
		let separator = i === 0 ? '' : ' ';
		if (i > 0 && random.chance(0.06)) {
			text += '.';
			separator = random.chance(0.25) ? '\n\n' : ' ';
		} else if (i > 0 && random.chance(0.04)) {
			text += ',';
		}
		if (lineWidth > 0 && separator === ' ' && line + 1 + word.length > lineWidth) separator = '\n';
		text += separator + word;
		line = separator === ' ' ? line + 1 + word.length : word.length;
	}
	return text + '.';
}

/** Replaces `edits` words, at least `spacing` words apart, each by a different word. */
export function editWords(words: readonly string[], edits: number, seed: number, spacing = 12) {
	const random = new Random(seed);
	const edited = [...words];
	const positions = new Set<number>();
	while (positions.size < edits) {
		const at = random.int(0, words.length - 1);
		if ([...positions].some((other) => Math.abs(other - at) < spacing)) continue;
		positions.add(at);
		let replacement = random.pick(seedWords);
		while (replacement === words[at]) replacement = random.pick(seedWords);
		edited[at] = replacement;
	}
	return edited;
}

/** Tokens of each side read back from the parts: equal + deleted for A, equal + inserted for B. */
export function reconstruct(result: DiffResult): {a: string[]; b: string[]} {
	const a: string[] = [];
	const b: string[] = [];
	for (const part of result.parts) {
		for (let i = part.startA; i < part.endA; i++)
			if (part.type !== 'insert') a.push(tokenText(result.a, i));
		for (let j = part.startB; j < part.endB; j++)
			if (part.type !== 'delete') b.push(tokenText(result.b, j));
		if (part.type === 'equal') {
			for (let t = 0; t < part.endA - part.startA; t++) {
				if (tokenText(result.a, part.startA + t) !== tokenText(result.b, part.startB + t)) {
					throw new Error(`equal part differs at token ${part.startA + t}`);
				}
			}
		}
	}
	return {a, b};
}
