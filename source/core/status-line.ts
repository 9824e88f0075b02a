import {cellWidth, padToWidth, truncateToWidth} from './text/width.js';

/**
 * The bottom bar of every screen as exactly `width` cells: what and where on the left, key hints
 * on the right. The hints go first: they are shown only when the whole left part fits beside
 * them, so a figure or a title is cut only when it cannot fit alone (and then at its end).
 */
export function statusLine(left: string, right: string, width: number): string {
	const rightPart = right !== '' && cellWidth(left) + 1 + cellWidth(right) <= width ? right : '';
	const leftRoom = Math.max(0, width - cellWidth(rightPart) - (rightPart ? 1 : 0));
	const line =
		padToWidth(truncateToWidth(left, leftRoom), leftRoom) + (rightPart ? ' ' + rightPart : '');
	return padToWidth(line, width);
}
