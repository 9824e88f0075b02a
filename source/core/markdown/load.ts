import type {MarkdownBlock} from './types.js';

export type RenderMarkdown = (source: string) => MarkdownBlock[];

/** Files read as Markdown: those the scan takes in with the .md extension. */
export function isMarkdownPath(path: string): boolean {
	return /\.md$/i.test(path);
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
