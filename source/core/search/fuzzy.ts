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

	const walk = (parent: number, depth: number, parentPoint: number, prefixDistance: number) => {
		const above = rows[depth - 1]!;
		const twoAbove = depth >= 2 ? rows[depth - 2]! : above;
		let row = rows[depth];
		if (row === undefined) {
			row = new Int32Array(length + 1);
			rows[depth] = row;
		}
		for (let child = firstChild[parent]!; child !== -1; child = nextSibling[child]!) {
			const point = codePoint[child]!;
			row[0] = depth;
			let smallest = depth;
			for (let column = 1; column <= length; column++) {
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
			const whole = row[length]!;
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
