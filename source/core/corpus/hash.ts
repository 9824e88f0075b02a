import {createHash} from 'node:crypto';

/** Hex digest identifying a text's content, to recognise a changed article. SHA-1 is enough:
 * this detects edits, it does not defend against anyone crafting collisions. */
export function hashText(text: string): string {
	return createHash('sha1').update(text).digest('hex');
}
