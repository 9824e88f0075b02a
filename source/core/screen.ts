/** The smallest terminal the screens can use; below it they show a "too small" notice. */
export const MIN_COLUMNS = 40;
export const MIN_ROWS = 10;

export function isTooSmall(columns: number, rows: number): boolean {
	return columns < MIN_COLUMNS || rows < MIN_ROWS;
}
