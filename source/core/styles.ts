import type {SegmentRole} from './types.js';

/** How a cell looks; the names match Ink's <Text> props so the UI can spread them. */
export interface CellLook {
	readonly color?: string;
	readonly backgroundColor?: string;
	readonly bold?: boolean;
	readonly dimColor?: boolean;
	readonly underline?: boolean;
	readonly strikethrough?: boolean;
	readonly inverse?: boolean;
	readonly italic?: boolean;
}

const PLAIN: CellLook = {};

/**
 * The one table of looks, used by the Ink screens and by the first frame painted before Ink
 * loads, so both draw the same. Every role that carries meaning has a cue besides colour
 * (bold, underline, strikethrough, inverse), so it survives NO_COLOR and colour-blind eyes.
 */
export function roleLook(role: SegmentRole | undefined, colour: boolean): CellLook {
	switch (role) {
		case 'title':
			return {bold: true};
		case 'dim':
			return {dimColor: true};
		case 'match':
			return colour ? {color: 'yellow', bold: true} : {bold: true, underline: true};
		case 'current-match':
			return colour ? {backgroundColor: 'yellow', color: 'black'} : {inverse: true};
		case 'deleted':
			return colour ? {color: 'red', strikethrough: true} : {strikethrough: true};
		case 'removed':
			return {dimColor: true, strikethrough: true};
		case 'inserted':
			return colour ? {color: 'green', underline: true} : {underline: true};
		case 'current-deleted':
			return colour
				? {color: 'red', strikethrough: true, bold: true}
				: {strikethrough: true, bold: true};
		case 'current-inserted':
			return colour ? {color: 'green', underline: true, bold: true} : {underline: true, bold: true};
		case 'strong':
			return {bold: true};
		case 'emphasis':
			return {italic: true};
		case 'code':
			return colour ? {color: 'cyan'} : {dimColor: true};
		case 'link':
			return colour ? {color: 'blue', underline: true} : {underline: true};
		case 'struck':
			return {strikethrough: true};
		case 'layout':
			return colour ? {color: 'cyan'} : {bold: true};
		case 'marker':
			return colour ? {color: 'magenta', bold: true} : {bold: true};
		case 'selected':
		case 'status':
			return {inverse: true};
		case 'selected-match':
			return colour
				? {inverse: true, bold: true, color: 'yellow'}
				: {inverse: true, bold: true, underline: true};
		default:
			return PLAIN;
	}
}

const FOREGROUND: Record<string, number> = {
	black: 30,
	red: 31,
	green: 32,
	yellow: 33,
	blue: 34,
	magenta: 35,
	cyan: 36,
	white: 37,
};

/** The SGR escape sequence for a look ('' for plain). Only ever built from this table. */
export function sgr(look: CellLook): string {
	const codes: number[] = [];
	if (look.bold) codes.push(1);
	if (look.dimColor) codes.push(2);
	if (look.italic) codes.push(3);
	if (look.underline) codes.push(4);
	if (look.inverse) codes.push(7);
	if (look.strikethrough) codes.push(9);
	if (look.color && FOREGROUND[look.color]) codes.push(FOREGROUND[look.color]!);
	if (look.backgroundColor && FOREGROUND[look.backgroundColor]) {
		codes.push(FOREGROUND[look.backgroundColor]! + 10);
	}
	return codes.length === 0 ? '' : `\u001B[${codes.join(';')}m`;
}
