import {cellWidth, padToWidth, truncateToWidth} from './text/width.js';

/**
 * The bottom bar of every screen as exactly `width` cells: what and where on the left (cut when
 * it must be), hints on the right (dropped when they would take more than half the line).
 */
export function statusLine(left: string, right: string, width: number): string {
	const rightPart = cellWidth(right) + 2 <= width / 2 ? right : '';
	const leftRoom = Math.max(0, width - cellWidth(rightPart) - (rightPart ? 1 : 0));
	const line =
		padToWidth(truncateToWidth(left, leftRoom), leftRoom) + (rightPart ? ' ' + rightPart : '');
	return padToWidth(line, width);
}
