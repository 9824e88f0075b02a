import {ESLint} from 'eslint';
import {describe, expect, it} from 'vitest';
import {repositoryRoot} from './e2e/terminal.js';

/** Lints `source` as if it were a file at `path` in the repository, with the real config. */
async function problems(path: string, source: string): Promise<string[]> {
	const eslint = new ESLint({cwd: repositoryRoot});
	const [result] = await eslint.lintText(source, {filePath: `${repositoryRoot}/${path}`});
	return (result?.messages ?? [])
		.filter((message) => /no-restricted/.test(message.ruleId ?? ''))
		.map((message) => message.message);
}

describe('the fence that keeps source/core free of UI', () => {
	const forbidden = [
		"import {launch} from '../ui/load-interface.js';",
		"import {launch} from '../../ui/load-interface.js';",
		"import {launch} from '../../../ui/load-interface.js';",
		"import '../../commands/run.js';",
		"import '../../../source/ui/app.js';",
		"export {App} from '../../ui/app.js';",
		"import {Box} from 'ink';",
		"import {render} from 'ink/build/render.js';",
		"import React from 'react';",
		"import {jsx} from 'react/jsx-runtime';",
		"import meow from 'meow';",
		"const ui = await import('../../ui/app.js');",
		"const ink = await import('ink');",
		'const cwd = process.cwd();',
	];
	for (const line of forbidden) {
		it(`stops, in a subfolder of core: ${line}`, async () => {
			expect(await problems('source/core/diff/example.ts', `${line}\nexport {};\n`)).not.toEqual(
				[],
			);
		});
	}

	it('lets core import core, and ui import ui', async () => {
		const fine = "import {sanitiseLine} from '../text/sanitise.js';\nexport {sanitiseLine};\n";
		expect(await problems('source/core/diff/example.ts', fine)).toEqual([]);
		const ui = "import {Box} from 'ink';\nimport {App} from '../ui/app.js';\nexport {Box, App};\n";
		expect(await problems('source/ui/example.tsx', ui)).toEqual([]);
	});
});
