import {DEFAULT_BATCH_BYTES} from '../../source/core/corpus/load.js';
import type {Document} from '../../source/core/types.js';

/** The documents grouped as the loader hands them over: batches of about its default size. */
export function loaderBatches(documents: readonly Document[]): Document[][] {
	const result: Document[][] = [];
	let current: Document[] = [];
	let bytes = 0;
	for (const document of documents) {
		current.push(document);
		bytes += document.bytes;
		if (bytes >= DEFAULT_BATCH_BYTES) {
			result.push(current);
			current = [];
			bytes = 0;
		}
	}
	if (current.length > 0) result.push(current);
	return result;
}
