import type {FileHandle} from 'node:fs/promises';

/** A read from this many bytes is split into pieces read at once (see readInPieces). */
export const PIECES_FROM = 32 * 1024 * 1024;
const MOST_PIECES = 4;

/**
 * Reads `length` bytes of `file` from `position` into a new array, in up to four pieces read
 * at once when it is long (from PIECES_FROM): each piece is a read of the thread pool, whose
 * page faults (most of the cost of a read into fresh memory) then come on more than one core.
 * At a second start on 100,000 documents the snapshot's sections (132 MB) took 80–95 ms in
 * one read, 55–65 ms in four. Shorter when the file ends first.
 */
export async function readInPieces(
	file: FileHandle,
	position: number,
	length: number,
	from = PIECES_FROM,
): Promise<Uint8Array> {
	const into = new Uint8Array(length);
	const pieces = length >= from ? MOST_PIECES : 1;
	const step = Math.ceil(length / pieces);
	const counts = await Promise.all(
		Array.from({length: pieces}, async (_, piece) => {
			const start = piece * step;
			const size = Math.max(0, Math.min(step, length - start));
			return size === 0 ? 0 : (await file.read(into, start, size, position + start)).bytesRead;
		}),
	);
	// Whole up to the first piece cut short (the file ended there).
	let read = 0;
	for (const [piece, count] of counts.entries()) {
		read = piece * step + count;
		if (count < Math.min(step, length - piece * step)) break;
	}
	return into.subarray(0, Math.min(read, length));
}
