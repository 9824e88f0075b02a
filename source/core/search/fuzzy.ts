import type {Trie} from './trie.js';

/** A vocabulary term that matched a query word, and how many edits it took. */
export interface TermMatch {
	readonly term: number;
	readonly distance: number;
}

/**
 * Finds the terms within `maxTypos` edits of `word` (Damerau–Levenshtein, optimal string
 * alignment: insertions, deletions, substitutions and swaps of neighbours) and, when
 * `prefixTypos` is given, also the terms that begin with something within `prefixTypos` edits of
 * `word`; each with the fewest edits found.
 *
 * It walks the trie computing one row of the edit-distance table per node, shared by every
 * term below the node, and abandons a branch as soon as every cell of its row exceeds the
 * budget; so it touches only the few thousand nodes near the word, not the whole vocabulary.
 *
 * Only the cells of a row within `maxTypos` of its diagonal are worked out (a cell further off
 * is more than maxTypos: that many letters are left over on one side); the cells either side
 * of that band hold maxTypos + 1, which is at most what they stand for. Every cell worked out
 * then is its true distance when that is within maxTypos and above maxTypos when it is not, so
 * each comparison with a budget comes out as with the whole row: the same terms and distances,
 * for 5 cells a row where a 13-letter word took 14 (a command walks the trie cold, once).
 */
export function matchTerms(
	trie: Trie,
	word: readonly number[],
	maxTypos: number,
	prefixTypos?: number,
): TermMatch[] {
	const matches: TermMatch[] = [];
	const length = word.length;
	const prefix = prefixTypos !== undefined;
	const prefixBudget = Math.min(prefixTypos ?? -1, maxTypos);
	const {codePoint, firstChild, nextSibling, term} = trie;
	const rows: Int32Array[] = [Int32Array.from({length: length + 1}, (_, column) => column)];

	const collect = (node: number, distance: number): void => {
		for (let child = firstChild[node]!; child !== -1; child = nextSibling[child]!) {
			const id = term[child]!;
			if (id >= 0) matches.push({term: id, distance});
			collect(child, distance);
		}
	};

	/** What a cell outside a row's band holds: beyond every budget. */
	const beyond = maxTypos + 1;

	const walk = (parent: number, depth: number, parentPoint: number, prefixDistance: number) => {
		const above = rows[depth - 1]!;
		const twoAbove = depth >= 2 ? rows[depth - 2]! : above;
		let row = rows[depth];
		if (row === undefined) {
			row = new Int32Array(length + 1);
			rows[depth] = row;
		}
		// The band of this depth's rows, and the cells either side that the next rows read.
		const low = Math.max(1, depth - maxTypos);
		const high = Math.min(length, depth + maxTypos);
		row[0] = depth;
		// (A row deeper than length + maxTypos + 1 is never reached: the one above it is
		// all beyond the budget. At that depth low - 1 is length, so row[length] is beyond.)
		if (low > 1) row[low - 1] = beyond;
		if (high < length) row[high + 1] = beyond;
		for (let child = firstChild[parent]!; child !== -1; child = nextSibling[child]!) {
			const point = codePoint[child]!;
			let smallest = depth;
			for (let column = low; column <= high; column++) {
				const wanted = word[column - 1]!;
				let value = above[column - 1]! + (wanted === point ? 0 : 1);
				const deletion = above[column]! + 1;
				if (deletion < value) value = deletion;
				const insertion = row[column - 1]! + 1;
				if (insertion < value) value = insertion;
				if (
					depth >= 2 &&
					column >= 2 &&
					wanted === parentPoint &&
					word[column - 2] === point &&
					twoAbove[column - 2]! + 1 < value
				)
					value = twoAbove[column - 2]! + 1;
				row[column] = value;
				if (value < smallest) smallest = value;
			}
			// Off the band: beyond the budget.
			const whole = high === length ? row[length]! : beyond;
			const best = prefix && whole < prefixDistance ? whole : prefixDistance;
			const id = term[child]!;
			if (id >= 0) {
				const asWord = whole <= maxTypos ? whole : Number.POSITIVE_INFINITY;
				const asPrefix = best <= prefixBudget ? best : Number.POSITIVE_INFINITY;
				const distance = Math.min(asWord, asPrefix);
				if (distance !== Number.POSITIVE_INFINITY) matches.push({term: id, distance});
			}
			// Rows only grow deeper down, so once no cell is within budget no term below can do
			// better than the prefix found so far; nor can anything beat an exact prefix.
			if (prefix && best === 0) collect(child, 0);
			else if (smallest <= maxTypos) walk(child, depth + 1, point, best);
			else if (best <= prefixBudget) collect(child, best);
		}
	};

	if (length === 0) return matches;
	walk(0, 1, -1, Number.POSITIVE_INFINITY);
	return matches;
}
