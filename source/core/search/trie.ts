/**
 * A trie of the folded vocabulary, stored in flat typed arrays (first child, next sibling,
 * code point, term id) rather than one object per node: a corpus has hundreds of thousands of
 * nodes, and flat arrays keep them compact and quick to walk. Nodes are only ever added.
 */
/** A trie's nodes, one entry each (node 0 the root). */
export interface TrieState {
	readonly codePoint: Int32Array;
	readonly firstChild: Int32Array;
	readonly nextSibling: Int32Array;
	readonly term: Int32Array;
}

export class Trie {
	/** Node 0 is the root; its character is unused. */
	codePoint: Int32Array = new Int32Array(1024);
	firstChild: Int32Array = new Int32Array(1024).fill(-1);
	nextSibling: Int32Array = new Int32Array(1024).fill(-1);
	/** Term id ending at the node, or -1. */
	term: Int32Array = new Int32Array(1024).fill(-1);
	private count = 1;

	get nodes(): number {
		return this.count;
	}

	/** The nodes as they are (views, not copies), for a snapshot (see snapshot.ts). */
	state(): TrieState {
		const count = this.count;
		return {
			codePoint: this.codePoint.subarray(0, count),
			firstChild: this.firstChild.subarray(0, count),
			nextSibling: this.nextSibling.subarray(0, count),
			term: this.term.subarray(0, count),
		};
	}

	/** A trie over a snapshot's nodes: its arrays are used as they are (not copied) until the
	 * first new node, which makes larger ones. */
	static fromState(state: TrieState): Trie {
		const trie = new Trie();
		trie.codePoint = state.codePoint;
		trie.firstChild = state.firstChild;
		trie.nextSibling = state.nextSibling;
		trie.term = state.term;
		trie.count = state.codePoint.length;
		return trie;
	}

	/** Adds `word` (code points) ending in term `id`. */
	insert(word: readonly number[], id: number): void {
		let node = 0;
		for (const point of word) {
			let child = this.firstChild[node]!;
			let previous = -1;
			while (child !== -1 && this.codePoint[child] !== point) {
				previous = child;
				child = this.nextSibling[child]!;
			}
			if (child === -1) {
				child = this.newNode(point);
				if (previous === -1) this.firstChild[node] = child;
				else this.nextSibling[previous] = child;
			}
			node = child;
		}
		this.term[node] = id;
	}

	/** The node reached by following `word` from the root, or -1. */
	find(word: readonly number[]): number {
		let node = 0;
		for (const point of word) {
			let child = this.firstChild[node]!;
			while (child !== -1 && this.codePoint[child] !== point) child = this.nextSibling[child]!;
			if (child === -1) return -1;
			node = child;
		}
		return node;
	}

	private newNode(point: number): number {
		if (this.count === this.codePoint.length) this.grow();
		const node = this.count++;
		this.codePoint[node] = point;
		return node;
	}

	private grow(): void {
		const size = this.codePoint.length * 2;
		const widen = (old: Int32Array, fill: number): Int32Array<ArrayBuffer> => {
			const wider = new Int32Array(size).fill(fill);
			wider.set(old);
			return wider;
		};
		this.codePoint = widen(this.codePoint, 0);
		this.firstChild = widen(this.firstChild, -1);
		this.nextSibling = widen(this.nextSibling, -1);
		this.term = widen(this.term, -1);
	}
}
