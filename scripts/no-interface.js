// Stands in for ui/load-interface.ts in dist/commands.cjs, the bundle of the commands that never
// open the interface (source/start.ts sends everything else to the app's ES modules).
export function launch() {
	throw new Error('the commands bundle cannot open the interface');
}
