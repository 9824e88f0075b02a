/**
 * Long output (`list` at 100,000 documents, `show` of a 5 MB article) written in pieces of a
 * few tens of thousands of characters: one write per line or paragraph is a system call each
 * (10,000 for the 5 MB article), one write of the whole a string of megabytes.
 */

/**
 * Characters written at a time (see writeInPieces). V8 gives a string of more than 128 KiB pages
 * of its own (64 Ki characters, when a title makes them two bytes each), faulted in afresh each
 * time: measured writing `list`'s 15 MB, pieces of 16,000–64,000 characters took 50 ms, of
 * 128,000 or more 250 ms.
 */
export const WRITE_CHARACTERS = 32_000;

/**
 * Writes `texts` one after another in pieces of at most WRITE_CHARACTERS, a text longer than
 * that whole and alone: what is made for a piece is garbage while young, and no piece is so big
 * that V8 gives it pages of its own.
 */
export function writeInPieces(texts: Iterable<string>, write: (text: string) => void): void {
	let piece: string[] = [];
	let pieceLength = 0;
	for (const text of texts) {
		if (pieceLength > 0 && pieceLength + text.length > WRITE_CHARACTERS) {
			write(piece.join(''));
			piece = [];
			pieceLength = 0;
		}
		piece.push(text);
		pieceLength += text.length;
	}
	if (pieceLength > 0) write(piece.join(''));
}
