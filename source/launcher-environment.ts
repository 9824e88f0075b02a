/** The name dist/cli.js's launcher lines pass NODE_EXTRA_CA_CERTS on under (scripts/build-options.mjs). */
export const PASSED_CERTIFICATES = 'READING_ROOM_EXTRA_CA_CERTS';

/**
 * Puts back the NODE_EXTRA_CA_CERTS the launcher took out of Node's environment, so the
 * programs the app starts see the user's own. Run before anything reads the environment.
 */
export function restoreLauncherEnvironment(env: Record<string, string | undefined>): void {
	const passed = env[PASSED_CERTIFICATES];
	if (passed === undefined) return;
	env.NODE_EXTRA_CA_CERTS = passed;
	delete env[PASSED_CERTIFICATES];
}
