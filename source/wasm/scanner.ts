/**
 * The diff tokenizer's scanner, in AssemblyScript, compiled to WebAssembly by the build
 * (scripts/assemble-scanner.mjs): UTF-8 in, interned tokens out, a chunk per call of `scan`,
 * the second text of a pair guided by the first. It is the one scanner of the app; the
 * JavaScript around it (source/core/diff/scan-utf8.ts) lays its memory out, reads its results
 * and explains the rules, which this file follows step for step.
 *
 * Everything lives in this instance's memory: the texts, each scan's token arrays, the token
 * table (TokenIds) and the guide's state. Memory is handed out by a bump allocator and never
 * given back: an instance serves one diff (one TokenIds) and goes with it.
 *
 * Positions are byte offsets into a text, pointers are `usize`; reads past a text's end read
 * the zero padding the JavaScript leaves after it (as JavaScript read `undefined`, taken as 0).
 */

// Imported from JavaScript (module "scanner"): the app's characterKind, and the paragraph
// rule's test for the layouts whose answer depends on the text itself.
declare function kind(codePoint: i32): i32;
declare function isBreak(start: i32, end: i32, newlines: i32): i32;

// Character kinds (core/text/words.ts); NOT_ASCII: a byte from 0x80 on.
const NOT_ASCII: i32 = 0;
const WORD_CHARACTER: i32 = 1;
const SEPARATOR: i32 = 2;
const SPACE_CHARACTER: i32 = 3;
// Token kinds and gaps (core/diff/token-kinds.ts).
const GAP_NONE: i32 = 0;
const GAP_SPACE: i32 = 1;
const GAP_PARAGRAPH: i32 = 2;
const KIND_WORD: i32 = 0;
const KIND_PUNCTUATION: i32 = 1;
const KIND_BREAK: i32 = 2;
// Layouts of a paragraph rule (ParagraphRule.code); 0: no rule.
const BLANK_LINES: i32 = 1;
const LINE_PER_PARAGRAPH: i32 = 2;
const HARD_WRAPPED: i32 = 4;
/** Blank lines, and no line too long to be wrapped: only two line breaks or more break. */
const BLANK_LINES_ONLY: i32 = 5;

const APOSTROPHE: i32 = 0x27;
const RIGHT_SINGLE_QUOTE: i32 = 0x2019;
const FNV_START: i32 = <i32>0x811c9dc5;
const FNV_PRIME: i32 = 16777619;

/** Tokens of A the guide looks through for a token B has where A has another. */
const LOOK_AHEAD: i32 = 4;
/** Fewest tokens worth copying from A as a stretch, and the most at one go. */
const MIN_STRETCH: i32 = 16;
const MAX_STRETCH: i32 = 1 << 14;
/** The most tokens the scan lets pass between tries at a stretch. */
const MAX_BACK_OFF: i32 = 64;
/** Bytes past a token's start that can decide where the token before it ends. */
const LOOK_PAST: i32 = 8;
/** Stand-ins: 0x20 C0 controls, DEL, 0x20 C1 controls. */
const STAND_IN_COUNT: i32 = 0x20 + 1 + 0x20;

// ---- Memory ----

let top: usize = 0;

/** `size` bytes of fresh (zeroed) memory, 16-byte aligned. */
export function alloc(size: i32): usize {
	if (top == 0) top = (__heap_base + 15) & ~(<usize>15);
	const at = top;
	top = (top + <usize>size + 15) & ~(<usize>15);
	const pages = <i32>((top + 0xffff) >> 16) - memory.size();
	if (pages > 0 && memory.grow(pages) < 0) unreachable();
	return at;
}

function i32At(base: usize, index: i32): i32 {
	return load<i32>(base + ((<usize>index) << 2));
}

function setI32(base: usize, index: i32, value: i32): void {
	store<i32>(base + ((<usize>index) << 2), value);
}

function u8At(base: usize, index: i32): i32 {
	return <i32>load<u8>(base + <usize>index);
}

function setU8(base: usize, index: i32, value: i32): void {
	store<u8>(base + <usize>index, <u8>value);
}

function min(a: i32, b: i32): i32 {
	return a < b ? a : b;
}

// ---- Character kinds ----

/** BYTE_KIND (256 bytes, written by JavaScript), the kinds of code points met so far (0: not
 * yet asked), the stand-ins' bytes (3 each) and their hashes. */
let byteKinds: usize = 0;
let codePointKinds: usize = 0;
let standIns: usize = 0;
let standInHashes: usize = 0;

function byteKind(byte: i32): i32 {
	return u8At(byteKinds, byte);
}

/** characterKind, asked of JavaScript once per code point. */
function kindOf(codePoint: i32): i32 {
	const at = codePointKinds + <usize>(codePoint & 0x1fffff);
	let found = <i32>load<u8>(at);
	if (found == 0) {
		found = kind(codePoint);
		store<u8>(at, <u8>found);
	}
	return found;
}

function sequenceLength(lead: i32): i32 {
	return lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
}

/** Bytes less UTF-16 units of a sequence of `size` bytes. */
function surplusOf(size: i32): i32 {
	return size > 3 ? size - 2 : size - 1;
}

function codePointAt(bytes: usize, at: i32): i32 {
	const lead = u8At(bytes, at);
	const second = u8At(bytes, at + 1) & 0x3f;
	if (lead < 0xe0) return ((lead & 0x1f) << 6) | second;
	const third = u8At(bytes, at + 2) & 0x3f;
	if (lead < 0xf0) return ((lead & 0x0f) << 12) | (second << 6) | third;
	return ((lead & 0x07) << 18) | (second << 12) | (third << 6) | (u8At(bytes, at + 3) & 0x3f);
}

function kindAt(bytes: usize, at: i32): i32 {
	const found = byteKind(u8At(bytes, at));
	return found != NOT_ASCII ? found : kindOf(codePointAt(bytes, at));
}

/** Whether the character at `at` is an apostrophe that a word character follows. */
function joinsWord(bytes: usize, at: i32, end: i32): bool {
	const lead = u8At(bytes, at);
	let size: i32;
	if (lead == APOSTROPHE) size = 1;
	else if (lead == 0xe2 && codePointAt(bytes, at) == RIGHT_SINGLE_QUOTE) size = 3;
	else return false;
	return at + size < end && kindAt(bytes, at + size) == WORD_CHARACTER;
}

function standInIndex(bytes: usize, at: i32): i32 {
	const lead = u8At(bytes, at);
	if (lead < 0x20) return lead;
	if (lead == 0x7f) return 0x20;
	if (lead == 0xc2 && u8At(bytes, at + 1) < 0xa0) return 0x21 + u8At(bytes, at + 1) - 0x80;
	return -1;
}

function isAsciiSpace(byte: i32): bool {
	return byteKind(byte) == SPACE_CHARACTER;
}

// ---- The token table (TokenIds) ----

/** [hash, id] per slot; id 0 marks free. */
let slots: usize = 0;
let mask: i32 = 0;
/** Per id: where its bytes start in the pool; the next id's start is where they end. */
let poolStarts: usize = 0;
let poolStartsLength: i32 = 0;
let pool: usize = 0;
let poolCapacity: i32 = 0;
let poolLength: i32 = 0;
let idCount: i32 = 1;

/** Where memory for a TokenIds starts: after the kinds' tables, which outlive it. */
let firstFree: usize = 0;

/** Sets up the kinds' tables, once per instance (JavaScript then writes them). */
export function setUp(): void {
	byteKinds = alloc(256);
	codePointKinds = alloc(0x200000);
	standIns = alloc(3 * STAND_IN_COUNT);
	standInHashes = alloc(4 * STAND_IN_COUNT);
	firstFree = top;
}

/**
 * Sets up an empty table (`capacity` slots, a power of two) for a TokenIds, giving back all
 * memory but the kinds' tables: an instance is used again once its TokenIds is done (see
 * scanner-module.ts). Memory handed out again is not zero, so what must be is cleared here.
 */
export function init(capacity: i32, poolBytes: i32): void {
	top = firstFree;
	slots = alloc(8 * capacity);
	memory.fill(slots, 0, 8 * <usize>capacity);
	mask = capacity - 1;
	poolCapacity = poolBytes;
	pool = alloc(poolBytes);
	poolLength = 0;
	idCount = 1;
	poolStartsLength = (capacity >> 1) + 2;
	poolStarts = alloc(4 * poolStartsLength);
}

export function byteKindsAt(): usize {
	return byteKinds;
}

export function standInsAt(): usize {
	return standIns;
}

/** After JavaScript wrote the stand-ins' bytes: their hashes, as the scan hashes a token. */
export function hashStandIns(): void {
	for (let index = 0; index < STAND_IN_COUNT; index++) {
		const from = standIns + <usize>(3 * index);
		let hash = FNV_START;
		for (let k = 0; k < 3; k++) hash = (hash ^ (<i32>load<u8>(from + <usize>k))) * FNV_PRIME;
		setI32(standInHashes, index, mixHash(hash));
	}
}

export function ids(): i32 {
	return idCount;
}

/** FNV-1a's last step (token-ids.ts's mixHash). */
function mixHash(hash: i32): i32 {
	hash ^= hash >>> 15;
	hash = hash * 0x2c1b3c6d;
	return hash ^ (hash >>> 12);
}

/** The id of the `length` bytes at `from`, whose mixed hash is `hash`. */
export function idOf(from: usize, length: i32, hash: i32): i32 {
	let slot = hash & mask;
	while (true) {
		const id = i32At(slots, 2 * slot + 1);
		if (id == 0) return add(2 * slot, from, length, hash);
		if (i32At(slots, 2 * slot) == hash) {
			const start = i32At(poolStarts, id);
			if (i32At(poolStarts, id + 1) - start == length) {
				if (sameBytes(pool + <usize>start, from, length)) return id;
			}
		}
		slot = (slot + 1) & mask;
	}
}

/** Whether the `length` bytes at `a` and `b` are the same: eight at a time, then one. */
function sameBytes(a: usize, b: usize, length: i32): bool {
	let k = 0;
	while (k + 8 <= length) {
		if (load<u64>(a + <usize>k) != load<u64>(b + <usize>k)) return false;
		k += 8;
	}
	while (k < length) {
		if (load<u8>(a + <usize>k) != load<u8>(b + <usize>k)) return false;
		k++;
	}
	return true;
}

function add(at: i32, from: usize, length: i32, hash: i32): i32 {
	if (poolLength + length > poolCapacity) {
		const capacity =
			poolCapacity * 2 > poolLength + length ? poolCapacity * 2 : poolLength + length;
		const larger = alloc(capacity);
		memory.copy(larger, pool, <usize>poolLength);
		pool = larger;
		poolCapacity = capacity;
	}
	// Byte by byte: memory.copy is a call into the engine, dearer than a token's few bytes.
	const to = pool + <usize>poolLength;
	for (let k = 0; k < length; k++) store<u8>(to + <usize>k, load<u8>(from + <usize>k));
	const id = idCount++;
	if (id + 2 > poolStartsLength) {
		const larger = alloc(8 * poolStartsLength);
		memory.copy(larger, poolStarts, 4 * <usize>poolStartsLength);
		poolStarts = larger;
		poolStartsLength *= 2;
	}
	setI32(poolStarts, id, poolLength);
	poolLength += length;
	setI32(poolStarts, id + 1, poolLength);
	setI32(slots, at, hash);
	setI32(slots, at + 1, id);
	if (idCount * 2 > mask + 1) rehash();
	return id;
}

function rehash(): void {
	const old = slots;
	const oldLength = 2 * (mask + 1);
	const capacity = (mask + 1) * 2;
	const fresh = alloc(8 * capacity);
	memory.fill(fresh, 0, 8 * <usize>capacity);
	const freshMask = capacity - 1;
	for (let from = 0; from < oldLength; from += 2) {
		const id = i32At(old, from + 1);
		if (id == 0) continue;
		const hash = i32At(old, from);
		let slot = hash & freshMask;
		while (i32At(fresh, 2 * slot + 1) != 0) slot = (slot + 1) & freshMask;
		setI32(fresh, 2 * slot, hash);
		setI32(fresh, 2 * slot + 1, id);
	}
	slots = fresh;
	mask = freshMask;
}

// ---- The scan in progress (Scanner) ----

let bytes: usize = 0;
let end: i32 = 0;
let at: i32 = 0;
/** Bytes less UTF-16 units before `at`. */
let surplus: i32 = 0;
/** Where the whitespace before the next token starts (UTF-16), or -1; its line breaks. */
let spaceStart: i32 = -1;
let newlines: i32 = 0;
let count: i32 = 0;
let wordCount: i32 = 0;
let takenOver: i32 = 0;
let capacity: i32 = 0;
let tokenIds: usize = 0;
let kinds: usize = 0;
let starts: usize = 0;
let ends: usize = 0;
let gaps: usize = 0;
let byteStarts: usize = 0;
/** [token, surplus, …] (see Scan.marks), its length and room; the surplus of the last mark. */
let marks: usize = 0;
let marksLength: i32 = 0;
let marksCapacity: i32 = 0;
let marked: i32 = 0;
let layout: i32 = 0;
let breakTokens: bool = false;
let bytesAlone: bool = false;
let guided: bool = false;
/** Tokens found by the guide before the next try at a stretch, and the wait after a miss. */
let untilStretch: i32 = 0;
let stretchBackOff: i32 = 1;

/**
 * Starts a scan of the `length` bytes at `text` from byte `from`, whose UTF-16 offset is
 * `from - startSurplus`, with the paragraph rule `ruleLayout` (0: none).
 */
export function begin(
	text: usize,
	length: i32,
	from: i32,
	startSurplus: i32,
	ruleLayout: i32,
	withBreakTokens: bool,
	alone: bool,
	withGuide: bool,
): void {
	bytes = text;
	end = length;
	at = from;
	surplus = startSurplus;
	spaceStart = -1;
	newlines = 0;
	count = 0;
	wordCount = 0;
	takenOver = 0;
	layout = ruleLayout;
	breakTokens = withBreakTokens;
	bytesAlone = alone;
	guided = withGuide;
	untilStretch = 0;
	stretchBackOff = 1;
	// Prose averages well over four bytes per token; pages never written are never touched.
	capacity = (length - from) >> 2;
	if (capacity < 64) capacity = 64;
	tokenIds = alloc(4 * capacity);
	kinds = alloc(capacity);
	byteStarts = alloc(4 * capacity);
	const textCapacity = alone ? 0 : capacity;
	starts = alloc(4 * textCapacity);
	ends = alloc(4 * textCapacity);
	gaps = alloc(textCapacity);
	marksCapacity = 64;
	marks = alloc(4 * marksCapacity);
	marksLength = 0;
	marked = 0;
	if (startSurplus != 0) mark(0, startSurplus);
}

// The scan's results, read by JavaScript when it is done.
export function scannedAt(): i32 {
	return at;
}
export function scannedSurplus(): i32 {
	return surplus;
}
export function scannedCount(): i32 {
	return count;
}
export function scannedWords(): i32 {
	return wordCount;
}
export function scannedTakenOver(): i32 {
	return takenOver;
}
export function idsAt(): usize {
	return tokenIds;
}
export function kindsAt(): usize {
	return kinds;
}
export function startsAt(): usize {
	return starts;
}
export function endsAt(): usize {
	return ends;
}
export function gapsAt(): usize {
	return gaps;
}
export function byteStartsAt(): usize {
	return byteStarts;
}
export function marksAt(): usize {
	return marks;
}
export function marksCount(): i32 {
	return marksLength;
}

function mark(token: i32, markSurplus: i32): void {
	if (marksLength + 2 > marksCapacity) {
		const larger = alloc(8 * marksCapacity);
		memory.copy(larger, marks, 4 * <usize>marksLength);
		marks = larger;
		marksCapacity *= 2;
	}
	setI32(marks, marksLength, token);
	setI32(marks, marksLength + 1, markSurplus);
	marksLength += 2;
	marked = markSurplus;
}

function widened(from: usize, size: i32, length: i32): usize {
	const to = alloc(size * length);
	memory.copy(to, from, <usize>(size * capacity));
	return to;
}

function grow(): void {
	const larger = capacity * 2 + 2;
	tokenIds = widened(tokenIds, 4, larger);
	kinds = widened(kinds, 1, larger);
	byteStarts = widened(byteStarts, 4, larger);
	if (!bytesAlone) {
		starts = widened(starts, 4, larger);
		ends = widened(ends, 4, larger);
		gaps = widened(gaps, 1, larger);
	}
	capacity = larger;
}

/** Whether whitespace [start, end) holding `lines` line breaks breaks a paragraph. */
function breaks(start: i32, stop: i32, lines: i32): bool {
	switch (layout) {
		case BLANK_LINES_ONLY:
			return lines >= 2;
		case BLANK_LINES:
			if (lines == 0) return false;
			if (lines >= 2) return true;
			return isBreak(start, stop, lines) != 0;
		case LINE_PER_PARAGRAPH:
			return lines > 0;
		case HARD_WRAPPED:
			if (lines == 0) return false;
			return isBreak(start, stop, lines) != 0;
		default:
			return isBreak(start, stop, lines) != 0;
	}
}

/**
 * Scans the tokens that start before byte `limit` (the last may run on past it), hashing each
 * as it is read (scan-utf8.ts's Scanner.scan). The loop works on locals (a global is read from
 * the instance each time): the state is written back to the globals around each call that
 * reads or moves it (grow, mark, takeOver, copyStretch).
 */
export function scan(limit: i32): void {
	const text = bytes;
	const length = end;
	const kindOfByte = byteKinds;
	const alone = bytesAlone;
	let position = at;
	let units = surplus;
	let space = spaceStart;
	let lines = newlines;
	let tokens = count;
	let words = wordCount;
	let idArray = tokenIds;
	let kindArray = kinds;
	let startArray = byteStarts;
	while (position < limit) {
		let lead = <i32>load<u8>(text + <usize>position);
		let found = <i32>load<u8>(kindOfByte + <usize>lead);
		let size = 1;
		if (found == NOT_ASCII) {
			found = kindOf(codePointAt(text, position));
			size = sequenceLength(lead);
		}
		if (found == SPACE_CHARACTER) {
			if (space == -1) space = position - units;
			if (lead == 0x0a) lines++;
			if (size > 1) units += surplusOf(size);
			position += size;
			continue;
		}
		// Room for this token and a break before it.
		if (tokens + 2 > capacity) {
			grow();
			idArray = tokenIds;
			kindArray = kinds;
			startArray = byteStarts;
		}
		const offset = position - units;
		let gap = GAP_NONE;
		if (space != -1 && tokens > 0) {
			const single = lines == 0 && offset - space == 1;
			gap = !single && layout != 0 && breaks(space, offset, lines) ? GAP_PARAGRAPH : GAP_SPACE;
			if (gap == GAP_PARAGRAPH && breakTokens) {
				// Break tokens have id 0 (TokenIds.BREAK) and span the whitespace.
				setI32(idArray, tokens, 0);
				setI32(starts, tokens, space);
				setI32(ends, tokens, offset);
				setU8(gaps, tokens, GAP_NONE);
				setU8(kindArray, tokens, KIND_BREAK);
				setI32(startArray, tokens, position);
				tokens++;
			}
		}
		setI32(startArray, tokens, position);
		if (alone && units != marked) mark(tokens, units);
		space = -1;
		lines = 0;
		const start = position;
		let hash = (FNV_START ^ lead) * FNV_PRIME;
		if (size > 1) {
			for (let k = 1; k < size; k++) hash = (hash ^ u8At(text, position + k)) * FNV_PRIME;
			units += surplusOf(size);
		}
		position += size;
		if (found == WORD_CHARACTER) {
			// Word characters, and apostrophes between them.
			while (position < length) {
				lead = <i32>load<u8>(text + <usize>position);
				const next = <i32>load<u8>(kindOfByte + <usize>lead);
				if (next == WORD_CHARACTER) {
					hash = (hash ^ lead) * FNV_PRIME;
					position++;
					continue;
				}
				if (next != NOT_ASCII) {
					if (lead != APOSTROPHE || !joinsWord(text, position, length)) break;
					hash = (hash ^ lead) * FNV_PRIME;
					position++;
					continue;
				}
				if (
					kindOf(codePointAt(text, position)) != WORD_CHARACTER &&
					!joinsWord(text, position, length)
				) {
					break;
				}
				size = sequenceLength(lead);
				for (let k = 0; k < size; k++) hash = (hash ^ u8At(text, position + k)) * FNV_PRIME;
				units += surplusOf(size);
				position += size;
			}
			words++;
		}
		const control = found == SEPARATOR ? standInIndex(text, start) : -1;
		let id: i32;
		let followed = false;
		if (control != -1) {
			id = idOf(standIns + <usize>(3 * control), 3, i32At(standInHashes, control));
		} else {
			id = guided ? follow(start, position) : -1;
			if (id == -1) {
				id = idOf(text + <usize>start, position - start, mixHash(hash));
				if (guided) missed(id);
			} else followed = true;
		}
		setI32(idArray, tokens, id);
		setU8(kindArray, tokens, found == WORD_CHARACTER ? KIND_WORD : KIND_PUNCTUATION);
		if (!alone) {
			setI32(starts, tokens, offset);
			setI32(ends, tokens, position - units);
			setU8(gaps, tokens, gap);
		}
		tokens++;
		if (!followed) continue;
		if (alone) {
			// Past where the last walk found the two to differ: walk again.
			if (start < diverged) continue;
			count = tokens;
			wordCount = words;
			if (!takeOver(start, position, start - offset)) continue;
		} else {
			if (--untilStretch > 0) continue;
			const resume = stretchEnd(start, position, layout != 0);
			// Where stretches keep failing (a re-wrapped text differs at every line), try less often.
			stretchBackOff = resume == -1 ? min(2 * stretchBackOff, MAX_BACK_OFF) : 1;
			untilStretch = stretchBackOff;
			if (resume == -1) continue;
			count = tokens;
			wordCount = words;
			copyStretch(resume, start, offset);
		}
		// Taken over: the scan goes on where that left it.
		position = at;
		units = surplus;
		space = spaceStart;
		lines = newlines;
		tokens = count;
		words = wordCount;
		idArray = tokenIds;
		kindArray = kinds;
		startArray = byteStarts;
	}
	at = position;
	surplus = units;
	spaceStart = space;
	newlines = lines;
	count = tokens;
	wordCount = words;
}

// ---- The guide: A's scan, read by the scan of B (scan-utf8.ts's Guide) ----

let aBytes: usize = 0;
let aLength: i32 = 0;
let aCount: i32 = 0;
let aIds: usize = 0;
let aKinds: usize = 0;
let aStarts: usize = 0;
let aEnds: usize = 0;
let aGaps: usize = 0;
let aByteStarts: usize = 0;
let aMarks: usize = 0;
let aMarksLength: i32 = 0;
let aUnits: i32 = 0;
/** The token of A that B's next token is likely to be. */
let next: i32 = 0;
/** Per id of A: its index in A when it occurs there once, else -1. */
let onlyAt: usize = 0;
let onlyAtLength: i32 = 0;
/** B's byte where the last lockstep found the two texts to differ. */
let diverged: i32 = 0;

/** Makes the scan (the last `begin` … `scan` of this instance) of the `length` bytes at
 * `text` the guide of the scans to come. */
export function guide(
	text: usize,
	length: i32,
	tokens: i32,
	idsOfA: usize,
	kindsOfA: usize,
	startsOfA: usize,
	endsOfA: usize,
	gapsOfA: usize,
	byteStartsOfA: usize,
	marksOfA: usize,
	marksLengthOfA: i32,
	unitsOfA: i32,
): void {
	aBytes = text;
	aLength = length;
	aCount = tokens;
	aIds = idsOfA;
	aKinds = kindsOfA;
	aStarts = startsOfA;
	aEnds = endsOfA;
	aGaps = gapsOfA;
	aByteStarts = byteStartsOfA;
	aMarks = marksOfA;
	aMarksLength = marksLengthOfA;
	aUnits = unitsOfA;
	next = 0;
	diverged = 0;
	onlyAtLength = idCount;
	onlyAt = alloc(4 * onlyAtLength);
	memory.fill(onlyAt, 0xff, 4 * <usize>onlyAtLength);
	seen = alloc(onlyAtLength);
	memory.fill(seen, 0, <usize>onlyAtLength);
}

/** Ids seen in A so far, while `guideTokens` reads them. */
let seen: usize = 0;

/** Reads A's tokens [from, to) into the guide's onlyAt: called a piece at a time, as a loop
 * in one long call would run in the baseline tier throughout (see scan-utf8.ts's CHUNK). */
export function guideTokens(from: i32, to: i32): void {
	for (let i = from; i < to; i++) {
		const id = i32At(aIds, i);
		setI32(onlyAt, id, u8At(seen, id) == 0 ? i : -1);
		setU8(seen, id, 1);
	}
}

/** The id of bytes [start, stop) when it is the token of A the guide expects, else -1. */
function follow(start: i32, stop: i32): i32 {
	let k = next;
	while (k < aCount && i32At(aIds, k) == 0) k++;
	if (k >= aCount) return -1;
	const from = i32At(aByteStarts, k);
	const length = stop - start;
	const to = from + length;
	if (to > aLength) return -1;
	// A's token ends where B's does: the next token or whitespace starts there.
	const ended =
		to == aLength ||
		(k + 1 < aCount && i32At(aByteStarts, k + 1) == to) ||
		byteKind(u8At(aBytes, to)) == SPACE_CHARACTER;
	if (!ended) return -1;
	if (!sameBytes(aBytes + <usize>from, bytes + <usize>start, length)) return -1;
	next = k + 1;
	return i32At(aIds, k);
}

/** B's token `id` was not the one expected: where to expect the next. */
function missed(id: i32): void {
	for (let k = next; k < next + LOOK_AHEAD && k < aCount; k++) {
		if (i32At(aIds, k) == id) {
			next = k + 1;
			return;
		}
	}
	const only = id < onlyAtLength ? i32At(onlyAt, id) : -1;
	if (only != -1) next = only + 1;
}

/** How many bytes from `a` and `b` on are the same, up to `most`. */
function commonLength(a: usize, b: usize, most: i32): i32 {
	let same = 0;
	while (same + 8 <= most && load<u64>(a + <usize>same) == load<u64>(b + <usize>same)) same += 8;
	while (same < most && load<u8>(a + <usize>same) == load<u8>(b + <usize>same)) same++;
	return same;
}

/**
 * After `follow` found B's token [start, stop) to be A's token k: the token m of A up to which
 * B's bytes from `stop` on are A's (Guide.stretchEnd), or -1.
 */
function stretchEnd(start: i32, stop: i32, ruled: bool): i32 {
	const k = next - 1;
	let last = min(aCount - 1, k + MAX_STRETCH);
	if (last - k - 1 < MIN_STRETCH) return -1;
	if (ruled) {
		for (let j = k + 1; j < last; j++) {
			const space = i32At(aStarts, j) - i32At(aEnds, j - 1);
			if (
				u8At(aKinds, j) == KIND_BREAK ||
				space > 1 ||
				(space == 1 && u8At(aBytes, i32At(aByteStarts, j) - 1) == 0x0a)
			) {
				if (j - k - 1 < MIN_STRETCH) return -1;
				last = j;
				break;
			}
		}
	}
	if (last - k - 1 < MIN_STRETCH) return -1;
	const from = i32At(aByteStarts, k) + (stop - start);
	const reach = min(i32At(aByteStarts, last) + LOOK_PAST, aLength);
	const most = min(reach - from, end - stop);
	const differs = from + commonLength(aBytes + <usize>from, bytes + <usize>stop, most);
	let limit = differs;
	if (differs == aLength) {
		limit = stop + (aLength - from) == end ? i32.MAX_VALUE : aLength - 1;
	}
	let low = k;
	let high = last + 1;
	while (high - low > 1) {
		const middle = (low + high) >>> 1;
		if (i32At(aByteStarts, middle) + LOOK_PAST <= limit) low = middle;
		else high = middle;
	}
	return low - k - 1 < MIN_STRETCH ? -1 : low;
}

/**
 * For a scan of bytes alone (Guide.lockstep): walks A's bytes from token k's end and B's from
 * `stop` side by side while they are the same or both whitespace, writing B's starts of A's
 * tokens k+1, … into byteStarts from index `to`; the token of A the scan goes on from, or -1.
 */
function lockstep(start: i32, stop: i32, to: i32, room: i32): i32 {
	const a = aBytes;
	const b = bytes;
	const k = next - 1;
	const most = min(aCount, k + 1 + (room > 0 ? room : 0));
	let pa = i32At(aByteStarts, k) + (stop - start);
	let pb = stop;
	const aEnd = aLength;
	const bEnd = end;
	let j = k + 1;
	let nextStart = j < most ? i32At(aByteStarts, j) : aEnd;
	let out = to;
	let shift = pb - pa;
	while (true) {
		const limit = min(aEnd, bEnd - shift);
		while (pa + 8 <= limit && load<u64>(a + <usize>pa) == load<u64>(b + <usize>(pa + shift))) {
			pa += 8;
		}
		while (pa < limit && u8At(a, pa) == u8At(b, pa + shift)) pa++;
		while (nextStart < pa) {
			setI32(byteStarts, out++, nextStart + shift);
			j++;
			nextStart = j < most ? i32At(aByteStarts, j) : aEnd;
		}
		if (pa == aEnd || pa + shift == bEnd) break;
		const x = u8At(a, pa);
		const y = u8At(b, pa + shift);
		pb = pa + shift;
		const spaceA = byteKind(x) == SPACE_CHARACTER;
		const spaceB = byteKind(y) == SPACE_CHARACTER;
		if (
			(spaceA && spaceB) ||
			((spaceA || spaceB) &&
				pa > 0 &&
				isAsciiSpace(u8At(a, pa - 1)) &&
				isAsciiSpace(u8At(b, pb - 1)))
		) {
			while (pa < aEnd && isAsciiSpace(u8At(a, pa))) pa++;
			while (pb < bEnd && isAsciiSpace(u8At(b, pb))) pb++;
			shift = pb - pa;
			continue;
		}
		break;
	}
	pb = pa + shift;
	diverged = pb;
	let restA = pa;
	let restB = pb;
	while (restA < aEnd && isAsciiSpace(u8At(a, restA))) restA++;
	while (restB < bEnd && isAsciiSpace(u8At(b, restB))) restB++;
	if (restA == aEnd && restB == bEnd && j == aCount) {
		diverged = bEnd;
		return j;
	}
	let low = k;
	let high = j;
	while (high - low > 1) {
		const middle = (low + high) >>> 1;
		if (i32At(aByteStarts, middle) + LOOK_PAST <= pa) low = middle;
		else high = middle;
	}
	return low - k - 1 < 1 ? -1 : low;
}

/** Index in A's marks of the first mark of a token after `token`. */
function firstMarkAfter(token: i32): i32 {
	let low = 0;
	let high = aMarksLength >> 1;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (i32At(aMarks, 2 * middle) <= token) low = middle + 1;
		else high = middle;
	}
	return 2 * low;
}

/** Bytes less UTF-16 units before A's token `token`. */
function surplusOfA(token: i32): i32 {
	const after = firstMarkAfter(token);
	return after == 0 ? 0 : i32At(aMarks, after - 1);
}

/** A's tokens [first, resume) as B's next ones: their ids and kinds, and words counted. */
function copyTokens(first: i32, resume: i32): void {
	const to = count;
	const copied = resume - first;
	memory.copy(tokenIds + ((<usize>to) << 2), aIds + ((<usize>first) << 2), (<usize>copied) << 2);
	memory.copy(kinds + <usize>to, aKinds + <usize>first, <usize>copied);
	let words = 0;
	for (let j = first; j < resume; j++) if (u8At(aKinds, j) == KIND_WORD) words++;
	wordCount += words;
	count = to + copied;
}

/** Takes over A's tokens after the one just scanned as far as lockstep finds B to be A but
 * for whitespace (Scanner.takeOver). */
function takeOver(start: i32, stop: i32, startSurplus: i32): bool {
	const first = next;
	const to = count;
	const room = capacity - to - 2;
	const resume = lockstep(start, stop, to, room);
	if (resume == -1) return false;
	const copied = resume - first;
	copyTokens(first, resume);
	takenOver += copied;
	const ended = resume == aCount;
	at = ended ? end : i32At(byteStarts, to + copied);
	const base = surplusOfA(first - 1);
	for (let index = firstMarkAfter(first - 1); index < aMarksLength; index += 2) {
		const token = i32At(aMarks, index);
		if (token >= resume) break;
		const shifted = startSurplus + i32At(aMarks, index + 1) - base;
		if (shifted != marked) mark(to + token - first, shifted);
	}
	const surplusAtResume = ended ? aLength - aUnits : surplusOfA(resume);
	surplus = startSurplus + surplusAtResume - base;
	spaceStart = -1;
	newlines = 0;
	next = resume;
	return true;
}

/** Line breaks in the `units` whitespace characters before byte `stop` of A. */
function newlinesBefore(stop: i32, units: i32): i32 {
	let lines = 0;
	let index = stop;
	for (let left = units; left > 0; left--) {
		index--;
		while ((u8At(aBytes, index) & 0xc0) == 0x80) index--;
		if (u8At(aBytes, index) == 0x0a) lines++;
	}
	return lines;
}

/** For a scan of a text: takes A's tokens up to `resume` as B's (Scanner.copyStretch). */
function copyStretch(resume: i32, start: i32, position: i32): void {
	const first = next;
	const copied = resume - first;
	while (count + copied + 2 > capacity) grow();
	const to = count;
	const byteShift = start - i32At(aByteStarts, first - 1);
	copyTokens(first, resume);
	for (let j = first; j < resume; j++) {
		setI32(byteStarts, to + j - first, i32At(aByteStarts, j) + byteShift);
	}
	at = i32At(aByteStarts, resume) + byteShift;
	const unitShift = position - i32At(aStarts, first - 1);
	for (let j = first; j < resume; j++) {
		setI32(starts, to + j - first, i32At(aStarts, j) + unitShift);
		setI32(ends, to + j - first, i32At(aEnds, j) + unitShift);
	}
	memory.copy(gaps + <usize>to, aGaps + <usize>first, <usize>copied);
	// A break token spans the whitespace before the token after it, where the scan goes on.
	const resumeUnits =
		u8At(aKinds, resume) == KIND_BREAK ? i32At(aEnds, resume) : i32At(aStarts, resume);
	const spaceUnits = resumeUnits - i32At(aEnds, resume - 1);
	surplus = at - (resumeUnits + unitShift);
	spaceStart = spaceUnits > 0 ? i32At(aEnds, resume - 1) + unitShift : -1;
	newlines = newlinesBefore(i32At(aByteStarts, resume), spaceUnits);
	next = resume;
}
