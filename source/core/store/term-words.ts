/**
 * What a document's terms are written as: its term index row (termWords) and its word sequence
 * (encodeSequence). Used by the store on the main thread and by the facts writer's worker, which
 * takes these functions' text (see facts-writer.ts): they use only their parameters and
 * globals, no import or constant of this module, which the worker would not have.
 */

/**
 * A word sequence of database term numbers (each at least 1; -1 for a break) as bytes: each
 * value as an unsigned LEB128 varint, a break as 0. About 2.5 bytes a word, where the text
 * takes six. With `numberAt`, `numbers` are places in it (as WrittenFacts' sequence is), each
 * written as the number there, without a sequence of numbers made first.
 */
export function encodeSequence(numbers: ArrayLike<number>, numberAt?: ArrayLike<number>): Buffer {
	const bytes = Buffer.allocUnsafe(numbers.length * 5);
	let at = 0;
	for (let index = 0; index < numbers.length; index++) {
		let value = numbers[index]!;
		// A break (core/search's BREAK).
		if (value === -1) value = 0;
		else {
			if (numberAt !== undefined) value = numberAt[value]!;
			if (!(value >= 1)) throw new RangeError(`not a term number: ${value}`);
		}
		while (value >= 0x80) {
			bytes[at++] = (value & 0x7f) | 0x80;
			value >>>= 7;
		}
		bytes[at++] = value;
	}
	return Buffer.from(bytes.subarray(0, at));
}

/**
 * Term numbers as FTS5 words, joined by `separator` (a space for a document's text, ' OR ' for a
 * query). Written as bytes, then made one string: a first run makes one for every document (at
 * 100,000 documents about 50 million words), and a string a word joined took 2.2 times as long.
 */
export function termWords(numbers: ArrayLike<number>, separator = ' '): string {
	const bytes = Buffer.allocUnsafe(numbers.length * (17 + separator.length));
	let at = 0;
	for (let index = 0; index < numbers.length; index++) {
		if (index > 0) {
			if (separator === ' ') bytes[at++] = 0x20;
			else at += bytes.write(separator, at, 'latin1');
		}
		bytes[at++] = 0x74; // t
		const number = numbers[index]!;
		if (number >= 0 && number <= 0x7fffffff) {
			// Its digits from the last, where they end.
			let value = number | 0;
			let end = at;
			for (let rest = value; rest >= 10; rest = (rest / 10) | 0) end++;
			at = end + 1;
			do {
				const next = (value / 10) | 0;
				bytes[end--] = 0x30 + value - next * 10;
				value = next;
			} while (value > 0);
		} else at += bytes.write(String(number), at, 'latin1');
	}
	return bytes.toString('latin1', 0, at);
}
