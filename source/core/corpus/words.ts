/**
 * Counts words as runs of letters and digits (Unicode \p{L} and \p{N}); combining marks stay
 * inside their word, so "café" written with U+0301 is one word, "al-Kadhimi" is two.
 * A character loop with a per-code-point table: about six times faster than a /u regex, which
 * matters because every article of a 50 MB corpus is counted while it loads.
 */

const WORD_CHARACTER = /[\p{L}\p{N}]/u;
const MARK = /\p{M}/u;
const STARTS_WORD = 1;
const CONTINUES_WORD = 2;
const BREAKS_WORD = 3;
type Kind = typeof STARTS_WORD | typeof CONTINUES_WORD | typeof BREAKS_WORD;

// 0 until first seen, then a Kind. Filled lazily: classifying all 65,536 BMP code points up front would cost start-up time.
const bmpKinds = new Uint8Array(0x10000);
const astralKinds = new Map<number, Kind>();

export function countWords(text: string): number {
	let count = 0;
	let inWord = false;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		let kind: Kind;
		if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
			const point = text.codePointAt(index)!;
			if (point > 0xffff) index++;
			kind = astralKind(point);
		} else {
			kind = (bmpKinds[code] || classifyBmp(code)) as Kind;
		}
		if (kind === STARTS_WORD) {
			if (!inWord) count++;
			inWord = true;
		} else if (kind === BREAKS_WORD) {
			inWord = false;
		}
	}
	return count;
}

function classify(character: string): Kind {
	if (WORD_CHARACTER.test(character)) return STARTS_WORD;
	return MARK.test(character) ? CONTINUES_WORD : BREAKS_WORD;
}

function classifyBmp(code: number): Kind {
	const kind = classify(String.fromCharCode(code));
	bmpKinds[code] = kind;
	return kind;
}

function astralKind(point: number): Kind {
	let kind = astralKinds.get(point);
	if (kind === undefined) {
		kind = classify(String.fromCodePoint(point));
		astralKinds.set(point, kind);
	}
	return kind;
}
