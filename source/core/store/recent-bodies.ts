/**
 * The bodies the store read back lately (a document version's paragraphs, its text, or both),
 * so that a screen asking for them frame after frame gets the same arrays without reading
 * SQLite again: a result list's snippets read every visible row's paragraphs each frame, the
 * reader and the diff view a whole text.
 *
 * Bounded in bytes, not in bodies: a 120×40 result list shows about 18 rows and a taller one
 * more, where one article can be 5 MB. Bodies up to LARGE_BODY_BYTES share KEPT_BYTES, the
 * least recently asked for going first; larger ones are kept apart, the LARGE_BODIES_KEPT most
 * recent (an article open in the reader, a diff's two sides), so that one of them neither
 * pushes every row's body out nor stays once others as large come after it.
 */
export class RecentBodies {
	/** In order of use, the most recent last. */
	private readonly small = new Map<string, Kept>();
	private readonly large = new Map<string, Kept>();
	private smallBytes = 0;

	constructor(
		private readonly keptBytes = KEPT_BYTES,
		private readonly largeFrom = LARGE_BODY_BYTES,
		private readonly largeKept = LARGE_BODIES_KEPT,
	) {}

	/** What is kept of `key`, made the most recent; undefined when nothing is. */
	get(key: string): Body | undefined {
		const kept = this.small.get(key);
		if (kept !== undefined) {
			this.small.delete(key);
			this.small.set(key, kept);
			return kept;
		}
		const large = this.large.get(key);
		if (large !== undefined) {
			this.large.delete(key);
			this.large.set(key, large);
		}
		return large;
	}

	/** Keeps `body` for `key` (beside what is kept of it already), as the most recent; the
	 * least recent are forgotten past the bounds. */
	keep(key: string, body: Body): void {
		const before = this.forget(key);
		const paragraphs = body.paragraphs ?? before?.paragraphs;
		const text = body.text ?? before?.text;
		const kept: Kept = {
			...(paragraphs === undefined ? {} : {paragraphs}),
			...(text === undefined ? {} : {text}),
			bytes: bytesOf(paragraphs, text),
		};
		if (kept.bytes > this.largeFrom) {
			this.large.set(key, kept);
			while (this.large.size > this.largeKept) this.large.delete(this.large.keys().next().value!);
			return;
		}
		this.small.set(key, kept);
		this.smallBytes += kept.bytes;
		// The body just kept is at most largeFrom, which is less than keptBytes: it stays.
		while (this.smallBytes > this.keptBytes) {
			const [oldest, forgotten] = this.small.entries().next().value!;
			this.small.delete(oldest);
			this.smallBytes -= forgotten.bytes;
		}
	}

	/** Bytes held by the bodies kept, counted as bytesOf counts them (for tests). */
	get bytes(): number {
		let bytes = this.smallBytes;
		for (const kept of this.large.values()) bytes += kept.bytes;
		return bytes;
	}

	/** The keys kept, the least recent first: the bodies within the bound, then the large ones
	 * (for tests). */
	keys(): string[] {
		return [...this.small.keys(), ...this.large.keys()];
	}

	private forget(key: string): Kept | undefined {
		const kept = this.small.get(key);
		if (kept !== undefined) {
			this.small.delete(key);
			this.smallBytes -= kept.bytes;
			return kept;
		}
		const large = this.large.get(key);
		this.large.delete(key);
		return large;
	}
}

/** A document version's body, or the parts of it read so far. */
export interface Body {
	readonly paragraphs?: readonly string[];
	readonly text?: string;
}

interface Kept extends Body {
	readonly bytes: number;
}

/** The most the bodies up to LARGE_BODY_BYTES take together: 8 MB, a few hundred articles of a
 * news archive's usual 5–20 kB (each counted twice over, see bytesOf), so every row of a result
 * list a terminal can show. */
export const KEPT_BYTES = 8 * 1024 * 1024;
/** Larger bodies are kept apart (see RecentBodies), so at least 8 of the largest within the
 * bound fit in it. */
export const LARGE_BODY_BYTES = 1024 * 1024;
export const LARGE_BODIES_KEPT = 2;
/** A paragraph's cost beside its characters: its slot in the array and its string's header. */
export const PARAGRAPH_BYTES = 32;

/**
 * The bytes a body takes at most: two a UTF-16 code unit (V8 keeps text of Latin-1 characters
 * in one, other text in two), and PARAGRAPH_BYTES a paragraph.
 */
export function bytesOf(
	paragraphs: readonly string[] | undefined,
	text: string | undefined,
): number {
	let bytes = text === undefined ? 0 : 2 * text.length;
	if (paragraphs !== undefined) {
		for (const paragraph of paragraphs) bytes += 2 * paragraph.length + PARAGRAPH_BYTES;
	}
	return bytes;
}
