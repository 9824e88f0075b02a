/**
 * Makes untrusted text safe to print in a terminal. A terminal acts on C0 controls (ESC starts
 * CSI, OSC and DCS sequences; BEL, BS and CR move or beep), on DEL, and on the C1 controls
 * (U+009B is an 8-bit CSI, U+009D an 8-bit OSC). Each of those is replaced by something visible
 * so the reader still sees that the file held a control character:
 * - C0 and DEL become their Unicode Control Pictures (ESC → '␛', BEL → '␇', DEL → '␡');
 * - C1 controls become U+FFFD '�', the usual mark for "a character that cannot be shown": C1 has
 *   no pictures of its own, and in real files it is almost always mis-decoded text anyway.
 * A tab becomes one space (columns are computed by core, a tab would break them).
 *
 * One-line strings (sanitiseLine: file names, and anything from argv or the environment echoed
 * in a message) also show '\n' as '␊' and '\t' as '␉', and show the bidirectional controls as U+FFFD: an
 * RLO (U+202E) in a file name would otherwise reverse the rest of the line it is printed on
 * ("report\u202Etxt.exe" reads "reportexe.txt"). Documents keep theirs: right-to-left prose
 * uses them for its own layout, within its own lines.
 */

const PICTURES_START = 0x2400;
const DEL = 0x7f;
const DEL_PICTURE = '\u2421';
const TAB_PICTURE = '\u2409';
/** The stand-in for C1 controls (U+0080–U+009F), see the module comment. */
export const C1_PLACEHOLDER = '\ufffd';

// Everything a terminal may interpret, except '\n'; one precompiled class keeps this one pass.
/* eslint-disable no-control-regex -- matching control characters is this module's job */
const UNSAFE_IN_TEXT = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/g;
const UNSAFE_IN_LINE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const HAS_UNSAFE_IN_TEXT = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;
const HAS_UNSAFE_IN_LINE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/* eslint-enable no-control-regex */

/** The visible stand-in for one control character (C1 and bidirectional ones: U+FFFD). */
export function controlPicture(character: string): string {
	const code = character.charCodeAt(0);
	if (code === 0x09) return ' ';
	if (code < 0x20) return String.fromCharCode(PICTURES_START + code);
	if (code === DEL) return DEL_PICTURE;
	return C1_PLACEHOLDER;
}

/** Text safe to print: keeps '\n', turns '\t' into a space, shows every other control. */
export function sanitiseText(text: string): string {
	// Most articles hold no control character at all; testing first avoids building a copy.
	if (!HAS_UNSAFE_IN_TEXT.test(text)) return text;
	return text.replace(UNSAFE_IN_TEXT, controlPicture);
}

const SPANNING_BIDI = /[\u202a-\u202e\u2066-\u2069]/g;
const HAS_SPANNING_BIDI = /[\u202a-\u202e\u2066-\u2069]/;

/**
 * A document's title, dateline or source, which the app prints beside other columns (a row of
 * the library, the status bar): the bidirectional controls that reach past themselves
 * (embeddings, overrides, isolates) are shown as U+FFFD, as in file names, so that an RLO in a
 * title cannot reverse the figures and file name printed after it. The marks (LRM, RLM, ALM),
 * which right-to-left headlines use and which change nothing around them, are kept.
 */
export function sanitiseHeading(text: string): string {
	if (!HAS_SPANNING_BIDI.test(text)) return text;
	return text.replace(SPANNING_BIDI, C1_PLACEHOLDER);
}

/** In a one-line string a tab is shown too: a name or an argument holding one should say so. */
function linePicture(character: string): string {
	return character === '\t' ? TAB_PICTURE : controlPicture(character);
}

/** Like sanitiseText, and also shows '\n' as '␊', '\t' as '␉' and the bidirectional controls
 * as U+FFFD: for one-line strings such as file names, arguments and environment variables. */
export function sanitiseLine(text: string): string {
	if (!HAS_UNSAFE_IN_LINE.test(text)) return text;
	return text.replace(UNSAFE_IN_LINE, linePicture);
}
