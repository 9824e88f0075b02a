import type {MarkdownBlock} from './types.js';

export type RenderMarkdown = (source: string) => MarkdownBlock[];

/** Files read as Markdown: those the scan takes in with the .md extension (any case). Three
 * characters compared, where a regular expression cost more than the stat beside it: the
 * loader asks it of each of 100,000 files at a second start. */
export function isMarkdownPath(path: string): boolean {
	const {length} = path;
	return (
		length >= 3 &&
		path.charCodeAt(length - 3) === 0x2e &&
		// Upper case ASCII letters to lower case: only 'M' and 'm', 'D' and 'd' pass.
		(path.charCodeAt(length - 2) | 0x20) === 0x6d &&
		(path.charCodeAt(length - 1) | 0x20) === 0x64
	);
}

let renderer: Promise<RenderMarkdown> | undefined;

/**
 * The Markdown renderer, loaded (with marked) the first time a folder holds a Markdown file:
 * a folder of plain text, the bundled articles among them, never pays for the parser.
 */
export function loadMarkdownRenderer(): Promise<RenderMarkdown> {
	renderer ??= import('./render.js').then((module) => module.renderMarkdown);
	return renderer;
}
