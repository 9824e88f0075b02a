import {loadAll, loadFile} from '../core/corpus/load.js';
import {scanFolder, type FoundFile} from '../core/corpus/scan.js';
import {resolveReference} from '../core/corpus/resolve.js';
import {describeSkipped} from '../core/library/describe.js';
import {sanitiseLine} from '../core/text/sanitise.js';
import type {Document} from '../core/types.js';
import {listCommand} from './list.js';
import {showCommand} from './show.js';

export interface CommandContext {
	readonly folderFrom: (argument: string | undefined) => string;
	readonly flags: {
		readonly folder?: string;
		readonly json: boolean;
		readonly print: boolean;
		readonly layout: boolean;
		readonly limit: number;
		readonly state: boolean;
	};
	readonly colour: boolean;
	readonly width: number;
	readonly cwd: string;
	readonly write: (text: string) => void;
	readonly fail: (message: string, exitCode?: number) => never;
}

/** Routes a non-interactive command; returns its exit code. Usage problems throw via `fail`. */
export async function runCommand(
	command: string,
	args: readonly string[],
	context: CommandContext,
): Promise<number> {
	const atMost = (count: number, usage: string) => {
		if (args.length > count) context.fail(`too many arguments; usage: reading-room ${usage}`);
	};

	switch (command) {
		case 'list': {
			atMost(1, 'list [folder] [--json]');
			const folder = context.folderFrom(args[0]);
			const {documents, skipped} = await loadAll(folder);
			const code = listCommand({
				folder,
				documents,
				skipped,
				json: context.flags.json,
				width: context.width,
				write: context.write,
			});
			const note = describeSkipped(skipped);
			if (note && !context.flags.json) process.stderr.write(`${note}\n`);
			return code;
		}
		case 'show': {
			atMost(1, 'show <doc> [--folder F] [--width N]');
			if (args[0] === undefined) context.fail('show needs a document: reading-room show <doc>');
			const document = await openDocument(args[0], context.folderFrom(undefined), context);
			return showCommand({document, width: context.width, write: context.write});
		}
		case 'search': {
			atMost(2, 'search <query> [folder] [--limit N] [--json]');
			if (args[0] === undefined) context.fail('search needs a query: reading-room search <query>');
			const folder = context.folderFrom(args[1]);
			const {documents} = await loadAll(folder);
			const {searchCommand} = await import('./search.js');
			return searchCommand({
				query: args[0],
				documents,
				limit: context.flags.limit,
				json: context.flags.json,
				width: context.width,
				colour: context.colour,
				write: context.write,
			});
		}
		case 'diff': {
			atMost(3, 'diff <a> <b> [folder] [--print] [--json]');
			if (args[0] === undefined || args[1] === undefined) {
				context.fail('diff needs two documents: reading-room diff <a> <b> [folder]');
			}
			const folder = context.folderFrom(args[2]);
			const a = await openDocument(args[0], folder, context);
			const b = await openDocument(args[1], folder, context);
			if (a.path === b.path) {
				context.write(`${a.id} and ${b.id} are the same document: identical\n`);
				return 0;
			}
			if (!context.flags.json && !context.flags.print && process.stdout.isTTY) {
				const {launch} = await import('../ui/load-interface.js');
				return launch({
					screen: {name: 'diff', a: a.id, b: b.id},
					folder,
					folderLabel: sanitiseLine(folder),
					colour: context.colour,
					remember: context.flags.state,
					documents: [a, b],
				});
			}
			const {diffCommand} = await import('./diff.js');
			return diffCommand({
				a,
				b,
				json: context.flags.json,
				colour: context.colour,
				layout: context.flags.layout,
				write: context.write,
			});
		}
		case 'versions': {
			atMost(1, 'versions [folder] [--json]');
			const {documents} = await loadAll(context.folderFrom(args[0]));
			const {versionsCommand} = await import('./versions.js');
			return versionsCommand({documents, json: context.flags.json, write: context.write});
		}
		default:
			return context.fail(`unknown command: ${command}`);
	}
}

/** Finds a <doc> (path, file name or unique prefix) and reads it; problems are one line, exit 2. */
async function openDocument(
	reference: string,
	folder: string,
	context: CommandContext,
): Promise<Document> {
	const {files} = await scanFolder(folder);
	const resolved = resolveReference(reference, {folder, cwd: context.cwd, files});
	if (!resolved.ok) context.fail(resolved.message);
	const loaded = await loadFile(resolved.file as FoundFile);
	if ('reason' in loaded) {
		context.fail(`cannot read ${loaded.id}: ${loaded.detail ?? loaded.reason}`);
	}
	return loaded as Document;
}
