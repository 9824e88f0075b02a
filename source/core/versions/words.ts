import {WORD_CHARACTER, characterClass, isApostrophe} from '../text/words.js';
import {FNV_OFFSET, FNV_PRIME} from './hash.js';

// Word boundaries are those of core/text/words.ts, the rule every count follows ("Iran’s" is
// one word, "al-Kadhimi" two); each word is hashed in a folded form: Unicode compatibility
// decomposition (NFKD), lower case, no combining marks, no apostrophes or joiners, so 'Café',
// 'CAFE' and 'cafe' are one word. Ideographs and kana, written without spaces, are hashed as
// one word each so such text still yields many shingles.
//
// The scan works on UTF-16 code units and hashes words as it goes (FNV-1a) without building
// strings: ASCII takes a fast path and every other code point is folded once and cached.

/** How one non-ASCII code point reads: '' is ignored, ' ' separates words, and anything else
 * is the folded text to add to the current word (a ' ' inside it separates as well). */
const foldCache = new Map<number, string>();
const MARK = /\p{M}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const STANDS_ALONE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

function fold(codePoint: number): string {
	let folded = foldCache.get(codePoint);
	if (folded !== undefined) return folded;
	const character = String.fromCodePoint(codePoint);
	if (characterClass(character, 0) !== WORD_CHARACTER) folded = ' ';
	else if (STANDS_ALONE.test(character)) folded = ` ${character} `;
	else {
		// Inside a word whatever its folded form: what is not a letter or digit of it (a mark,
		// a joiner, the fraction slash of '½') is dropped rather than splitting the word.
		folded = '';
		for (const part of character.normalize('NFKD').toLowerCase().normalize('NFKD')) {
			if (!MARK.test(part) && LETTER_OR_DIGIT.test(part)) folded += part;
		}
	}
	foldCache.set(codePoint, folded);
	return folded;
}

/** Whether the apostrophe at `index` is inside a word: a word character follows it. */
function joinsWord(text: string, index: number): boolean {
	return (
		isApostrophe(text.charCodeAt(index)) &&
		index + 1 < text.length &&
		characterClass(text, index + 1) === WORD_CHARACTER
	);
}

let scratch: Uint32Array<ArrayBuffer> = new Uint32Array(4096);

function grow(buffer: Uint32Array): Uint32Array<ArrayBuffer> {
	const grown = new Uint32Array(buffer.length * 2);
	grown.set(buffer);
	scratch = grown;
	return grown;
}

/** A word still open where a scan of part of a text stopped, for the scan of the next part. */
export interface WordCarry {
	hash: number;
	inWord: boolean;
}

export function newWordCarry(): WordCarry {
	return {hash: FNV_OFFSET, inWord: false};
}

/**
 * FNV-1a hashes of the normalised words of `text`, in reading order; with `from`, `to` and
 * `carry`, of the words ending in text[from, to): a word running past `to` is left in `carry`
 * and finished by the scan of the next part with the same carry, so the parts' hashes in order
 * are those of the whole text. `to` must not split a surrogate pair.
 */
export function wordHashes(
	text: string,
	from = 0,
	to = text.length,
	carry?: WordCarry,
): Uint32Array {
	let buffer = scratch;
	let count = 0;
	let hash = carry === undefined ? FNV_OFFSET : carry.hash;
	let inWord = carry === undefined ? false : carry.inWord;
	const length = to;
	for (let index = from; index < length; index++) {
		let code = text.charCodeAt(index);
		if (code < 0x80) {
			if (code >= 0x61 && code <= 0x7a) {
				// a-z
			} else if (code >= 0x41 && code <= 0x5a) {
				code |= 0x20;
			} else if (code < 0x30 || code > 0x39) {
				if (inWord && code === 0x27 && joinsWord(text, index)) continue;
				if (inWord) {
					if (count === buffer.length) buffer = grow(buffer);
					buffer[count++] = hash;
					hash = FNV_OFFSET;
					inWord = false;
				}
				continue;
			}
			hash = Math.imul(hash ^ code, FNV_PRIME);
			inWord = true;
			continue;
		}
		if (code >= 0xd800 && code <= 0xdbff && index + 1 < length) {
			const low = text.charCodeAt(index + 1);
			if (low >= 0xdc00 && low <= 0xdfff) {
				code = ((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
				index++;
			}
		}
		if (inWord && code === 0x2019 && joinsWord(text, index)) continue;
		const folded = fold(code);
		for (let part = 0; part < folded.length; part++) {
			const unit = folded.charCodeAt(part);
			if (unit === 0x20) {
				if (inWord) {
					if (count === buffer.length) buffer = grow(buffer);
					buffer[count++] = hash;
					hash = FNV_OFFSET;
					inWord = false;
				}
			} else {
				hash = Math.imul(hash ^ unit, FNV_PRIME);
				inWord = true;
			}
		}
	}
	if (carry !== undefined && to < text.length) {
		carry.hash = hash;
		carry.inWord = inWord;
		return buffer.slice(0, count);
	}
	if (inWord) {
		if (count === buffer.length) buffer = grow(buffer);
		buffer[count++] = hash;
	}
	if (carry !== undefined) {
		carry.hash = FNV_OFFSET;
		carry.inWord = false;
	}
	return buffer.slice(0, count);
}

/** Where a piece of `text` starting at `from` and about `size` code units long should end: never
 * inside a surrogate pair, and always past `from` so a scan in pieces makes progress. */
export function pieceEnd(text: string, from: number, size: number): number {
	if (size >= text.length - from) return text.length;
	let end = from + Math.max(1, Math.floor(size));
	const code = text.charCodeAt(end - 1);
	if (code >= 0xd800 && code <= 0xdbff) end++;
	return end;
}
