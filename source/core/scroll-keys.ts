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
	{keys: ['down', 'j'], action: 'line-down', description: 'scroll down one line', group: 'Move'},
	{keys: ['up', 'k'], action: 'line-up', description: 'scroll up one line', group: 'Move'},
	{keys: ['space', 'pagedown', 'f'], action: 'page-down', description: 'next page', group: 'Move'},
	{keys: ['b', 'pageup'], action: 'page-up', description: 'previous page', group: 'Move'},
	{keys: ['ctrl+d'], action: 'half-page-down', description: 'down half a page', group: 'Move'},
	{keys: ['ctrl+u'], action: 'half-page-up', description: 'up half a page', group: 'Move'},
	{keys: ['g', 'home'], action: 'top', description: 'go to the top', group: 'Move'},
	{keys: ['G', 'end'], action: 'bottom', description: 'go to the end', group: 'Move'},
];
