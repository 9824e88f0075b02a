/** Connected components over numbered items (union-find with path halving and union by size)
 * that also keeps the member list of every component with more than one item, in ascending
 * order, so listing the groups never scans the items that stand alone. */
export class Components {
	readonly #parent: number[] = [];
	readonly #members = new Map<number, number[]>();

	/** Makes item `item` (the next number, or a number seen before) a component of its own. */
	reset(item: number): void {
		this.#parent[item] = item;
	}

	find(item: number): number {
		const parent = this.#parent;
		let current = item;
		while (parent[current] !== current) {
			const grandparent = parent[parent[current]!]!;
			parent[current] = grandparent;
			current = grandparent;
		}
		return current;
	}

	/** Joins the components of `a` and `b`; returns the root of the result. */
	union(a: number, b: number): number {
		let rootA = this.find(a);
		let rootB = this.find(b);
		if (rootA === rootB) return rootA;
		let membersA = this.#members.get(rootA) ?? [rootA];
		let membersB = this.#members.get(rootB) ?? [rootB];
		if (membersA.length < membersB.length) {
			[rootA, rootB] = [rootB, rootA];
			[membersA, membersB] = [membersB, membersA];
		}
		this.#parent[rootB] = rootA;
		this.#members.delete(rootB);
		this.#members.set(rootA, mergeSorted(membersA, membersB));
		return rootA;
	}

	/** Members of the component of `item`, ascending; undefined when it stands alone. */
	membersOf(item: number): readonly number[] | undefined {
		return this.#members.get(this.find(item));
	}

	/** Takes apart the component of `item` and returns its former members, each now alone. */
	dissolve(item: number): readonly number[] {
		const root = this.find(item);
		const members = this.#members.get(root) ?? [root];
		this.#members.delete(root);
		for (const member of members) this.#parent[member] = member;
		return members;
	}

	/** Every component with more than one member, keyed by root. */
	groups(): IterableIterator<[number, readonly number[]]> {
		return this.#members.entries();
	}
}

function mergeSorted(a: readonly number[], b: readonly number[]): number[] {
	const merged: number[] = [];
	let i = 0;
	let j = 0;
	while (i < a.length && j < b.length) merged.push(a[i]! < b[j]! ? a[i++]! : b[j++]!);
	while (i < a.length) merged.push(a[i++]!);
	while (j < b.length) merged.push(b[j++]!);
	return merged;
}
