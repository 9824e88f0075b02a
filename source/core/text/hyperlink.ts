/**
 * OSC 8 hyperlinks (a link's text made clickable, its address carried out of band), only for
 * terminals known to understand them: one that does not may print the sequence's bytes or, as
 * some multiplexers do, pass them on garbled. The address is reduced to printable ASCII, so
 * nothing in it can end the sequence or start another.
 */

type Environment = Readonly<Record<string, string | undefined>>;

/** Terminals that draw OSC 8 links, by the TERM_PROGRAM they set. */
const LINKING_PROGRAMS = new Set(['iTerm.app', 'WezTerm', 'vscode', 'ghostty', 'Hyper', 'kitty']);
/** VTE (GNOME Terminal, Tilix…) draws them from 0.50 on, which sets VTE_VERSION to 5000. */
const VTE_LINKS_FROM = 5000;
/** Terminals cut addresses around here; a longer one is shown as text only. */
const MAX_ADDRESS_LENGTH = 2048;
/** Addresses a click may open: no javascript:, data: or relative paths. */
const LINKABLE = /^(?:https?|mailto|ftp):/i;

/** Whether to write OSC 8 links to `stream`. FORCE_HYPERLINK=1 or 0 decides outright (as in
 * the supports-hyperlinks convention); otherwise only a terminal known to draw them, never
 * inside tmux or screen, never in CI or a dumb terminal. */
export function hyperlinksSupported(env: Environment, isTTY: boolean | undefined): boolean {
	const forced = env.FORCE_HYPERLINK;
	if (forced !== undefined && forced !== '') return forced !== '0';
	if (!isTTY || env.CI !== undefined) return false;
	const term = env.TERM ?? '';
	if (term === 'dumb' || term.startsWith('screen') || term.startsWith('tmux') || env.TMUX)
		return false;
	if (LINKING_PROGRAMS.has(env.TERM_PROGRAM ?? '')) return true;
	if (term === 'xterm-kitty' || env.WT_SESSION || env.KONSOLE_VERSION) return true;
	const vte = Number.parseInt(env.VTE_VERSION ?? '', 10);
	return Number.isFinite(vte) && vte >= VTE_LINKS_FROM;
}

/** The address as OSC 8 may carry it: printable ASCII (others percent-encoded; controls, ESC
 * and BEL dropped), of a scheme a click may open; undefined when it is not one. */
export function linkAddress(address: string): string | undefined {
	// eslint-disable-next-line no-control-regex -- controls are exactly what is removed
	const printable = address.replace(/[\u0000-\u001F\u007F-\u009F]/g, '').trim();
	if (!LINKABLE.test(printable)) return undefined;
	let encoded: string;
	try {
		encoded = encodeURI(decodeURI(printable));
	} catch {
		// A stray % or a lone surrogate: encode what is there as it is.
		encoded = [...printable]
			.map((character) => (/[!-~]/.test(character) ? character : encodeURIComponent(character)))
			.join('');
	}
	return encoded.length > MAX_ADDRESS_LENGTH || !/^[!-~]+$/.test(encoded) ? undefined : encoded;
}

/** `text` as an OSC 8 link to `address` (BEL-terminated, which Ink's output keeps whole), or
 * as it is when the address cannot be linked. */
export function hyperlink(text: string, address: string): string {
	const url = linkAddress(address);
	return url === undefined ? text : `\u001B]8;;${url}\u0007${text}\u001B]8;;\u0007`;
}
