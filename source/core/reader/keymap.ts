import type {Keymap} from '../keys.js';

/** What a key can ask of the reader. The screen handles 'back', 'help' and 'diff' itself;
 * the reducer handles the rest. */
export type ReaderAction =
	| 'line-down'
	| 'line-up'
	| 'page-down'
	| 'page-up'
	| 'half-page-down'
	| 'half-page-up'
	| 'top'
	| 'bottom'
	| 'search'
	| 'next-match'
	| 'previous-match'
	| 'back'
	| 'help'
	| 'diff';

export const readerKeymap: Keymap<ReaderAction> = [
	{keys: ['down', 'j'], action: 'line-down', description: 'scroll down one line', group: 'Move'},
	{keys: ['up', 'k'], action: 'line-up', description: 'scroll up one line', group: 'Move'},
	{keys: ['space', 'pagedown', 'f'], action: 'page-down', description: 'next page', group: 'Move'},
	{keys: ['b', 'pageup'], action: 'page-up', description: 'previous page', group: 'Move'},
	{keys: ['ctrl+d'], action: 'half-page-down', description: 'down half a page', group: 'Move'},
	{keys: ['ctrl+u'], action: 'half-page-up', description: 'up half a page', group: 'Move'},
	{keys: ['g', 'home'], action: 'top', description: 'go to the top', group: 'Move'},
	{keys: ['G', 'end'], action: 'bottom', description: 'go to the end', group: 'Move'},
	{keys: ['/'], action: 'search', description: 'search in the article', group: 'Search'},
	{keys: ['n'], action: 'next-match', description: 'next match', group: 'Search'},
	{keys: ['N'], action: 'previous-match', description: 'previous match', group: 'Search'},
	{keys: ['d'], action: 'diff', description: 'compare with the closest version', group: 'Other'},
	{keys: ['?'], action: 'help', description: 'show or hide this help', group: 'Other'},
	{keys: ['escape', 'q'], action: 'back', description: 'back to the library', group: 'Other'},
];
