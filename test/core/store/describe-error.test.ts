import {describe, expect, it} from 'vitest';
import {describe as describeError} from '../../../source/core/store/database.js';

describe("the store's one line for an error", () => {
	it('says which Node better-sqlite3 was built for, not only the module path Node names first', () => {
		// Node's own message (src/node_binding.cc) for an addon built for another Node.
		const error = new Error(
			"The module '/home/a/reading-room/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\n" +
				'was compiled against a different Node.js version using\n' +
				'NODE_MODULE_VERSION 127. This version of Node.js requires\n' +
				'NODE_MODULE_VERSION 115. Please try re-compiling or re-installing\n' +
				'the module (for instance, using `npm rebuild` or `npm install`).',
		);
		expect(describeError(error)).toBe(
			'better-sqlite3 was built for another Node.js (NODE_MODULE_VERSION 127, this one needs 115): npm rebuild better-sqlite3',
		);
	});

	it('is the first line of any other message, control characters shown as ?', () => {
		const error = new Error(
			"Cannot find module 'better-sqlite3'\nRequire stack:\n- /x/commands.cjs",
		);
		expect(describeError(error)).toBe("Cannot find module 'better-sqlite3'");
		expect(describeError(new Error('disk \u001b[31mfull'))).toBe('disk ?[31mfull');
		expect(describeError('not an Error')).toBe('not an Error');
	});
});
