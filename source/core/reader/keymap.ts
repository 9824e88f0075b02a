import type {Keymap} from '../keys.js';
import {scrollKeymap, type ScrollAction} from '../scroll-keys.js';

/** What a key can ask of the reader. The screen handles 'back', 'help', 'diff' and 'history'
 * itself; the reducer handles the rest. */
export type ReaderAction =
	| ScrollAction
	| 'search'
	| 'next-match'
	| 'previous-match'
	| 'back'
	| 'help'
	| 'diff'
	| 'history'
	| 'edit'
	| 'page'
	| 'reload';

export const readerKeymap: Keymap<ReaderAction> = [
	...scrollKeymap,
	{keys: ['/'], action: 'search', description: 'Search in the article', group: 'Search'},
	{keys: ['n'], action: 'next-match', description: 'Next match', group: 'Search'},
	{keys: ['N'], action: 'previous-match', description: 'Previous match', group: 'Search'},
	{keys: ['d'], action: 'diff', description: 'Compare with the closest version', group: 'Other'},
	{
		keys: ['h'],
		action: 'history',
		description: 'History: every version of the article in order',
		group: 'Other',
	},
	{keys: ['?'], action: 'help', description: 'Show or hide this help', group: 'Other'},
	{keys: ['escape', 'q'], action: 'back', description: 'Back to the library', group: 'Other'},
	{keys: ['e'], action: 'edit', description: 'Edit in $VISUAL or $EDITOR', group: 'Other'},
	{keys: ['o'], action: 'page', description: 'Open in $PAGER (or less)', group: 'Other'},
	{
		keys: ['R'],
		action: 'reload',
		description: 'Reload the article as it is on disk',
		group: 'Other',
	},
];
