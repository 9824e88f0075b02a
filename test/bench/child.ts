/**
 * Runs a bench script as a Node process of its own, with the environment dist/cli.js's launcher
 * lines give the app's own process (see source/launcher-environment.ts), and returns the last
 * line of its output parsed: each script measures a part of the app as it runs in the app.
 */
import {execFileSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {launchedEnvironment} from '../../source/launcher-environment.js';

export function runBenchChild(
	root: string,
	script: URL,
	args: readonly string[],
	nodeFlags: readonly string[] = [],
): unknown {
	const file = fileURLToPath(script);
	const output = execFileSync(process.execPath, [...nodeFlags, '--import', 'tsx', file, ...args], {
		cwd: root,
		env: launchedEnvironment(process.env),
		encoding: 'utf8',
		maxBuffer: 1 << 20,
	});
	return JSON.parse(output.trim().split('\n').at(-1)!) as unknown;
}
