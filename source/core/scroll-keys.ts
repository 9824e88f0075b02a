import type {Keymap} from './keys.js';

/** Scrolling a long view, the same in the reader and the diff (less and vim keys). */
export type ScrollAction =
	| 'line-down'
	| 'line-up'
	| 'page-down'
	| 'page-up'
	| 'half-page-down'
	| 'half-page-up'
	| 'top'
	| 'bottom';

export const scrollKeymap: Keymap<ScrollAction> = [
	{
		keys: ['down', 'j', 'ctrl+n'],
		action: 'line-down',
		description: 'Scroll down one line',
		group: 'Move',
	},
	{
		keys: ['up', 'k', 'ctrl+p'],
		action: 'line-up',
		description: 'Scroll up one line',
		group: 'Move',
	},
	{
		keys: ['space', 'pagedown', 'f', 'ctrl+f'],
		action: 'page-down',
		description: 'Next page',
		group: 'Move',
	},
	{keys: ['b', 'pageup', 'ctrl+b'], action: 'page-up', description: 'Previous page', group: 'Move'},
	{keys: ['ctrl+d'], action: 'half-page-down', description: 'Down half a page', group: 'Move'},
	{keys: ['ctrl+u'], action: 'half-page-up', description: 'Up half a page', group: 'Move'},
	{keys: ['g', 'home'], action: 'top', description: 'Go to the top', group: 'Move'},
	{keys: ['G', 'end'], action: 'bottom', description: 'Go to the end', group: 'Move'},
];
