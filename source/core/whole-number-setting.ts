/**
 * The environment's `name` when it is set to a whole number: the settings tests give the
 * commands (READING_ROOM_SETTLE_MS, READING_ROOM_SPLIT_FROM…); undefined otherwise.
 */
export function wholeNumberIn(
	environment: Readonly<Record<string, string | undefined>>,
	name: string,
): number | undefined {
	const given = environment[name];
	return given !== undefined && /^\d+$/.test(given) ? Number(given) : undefined;
}
