/** The name dist/cli.js's launcher lines pass NODE_EXTRA_CA_CERTS on under (scripts/build-options.mjs). */
export const PASSED_CERTIFICATES = 'READING_ROOM_EXTRA_CA_CERTS';

/**
 * What the launcher adds to GLIBC_TUNABLES for Node, unless the user's own sets a malloc tunable
 * (glibc.malloc.*): theirs are then left as they are.
 * - hugetlb=1: glibc's malloc asks for transparent huge pages (madvise) for the memory it maps,
 *   where the kernel gives them only when asked (the usual "madvise" setting). A page fault
 *   costs about 12 µs on the development machine, and a second start on 100,000 documents
 *   faulted 107,000 times (1.3 s of CPU on two cores); the buffers malloc serves (SQLite's reads,
 *   the kept index's 132 MB of sections, the files read) then fault 2 MB at a time: 63,000.
 * - mmap_threshold=2097152: a fixed threshold. glibc otherwise raises it to the size of the
 *   largest block freed (up to 32 MB), and blocks of a few megabytes read once (the kept rows'
 *   columns, 22 MB) then come from the heap and stay resident, in huge pages: that second
 *   start's peak was 373–381 MB with hugetlb alone, 337–343 MB with both (readme, "Malloc
 *   tunables").
 * Ignored where there is no glibc (musl, macOS) or no transparent huge pages.
 */
export const MALLOC_TUNABLES = 'glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=2097152';

/**
 * The name the launcher passes the user's GLIBC_TUNABLES on under when it adds MALLOC_TUNABLES:
 * "x" and the value when it was set, empty when it was not.
 */
export const PASSED_TUNABLES = 'READING_ROOM_GLIBC_TUNABLES';

/**
 * The environment dist/cli.js's launcher lines start Node with, from the one they were given:
 * what a program that measures the app in a Node process of its own gives that process (the
 * bench). test/e2e/launcher.test.ts checks that the two agree.
 */
export function launchedEnvironment(
	env: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
	const launched = {...env};
	if (env.NODE_EXTRA_CA_CERTS) {
		launched[PASSED_CERTIFICATES] = env.NODE_EXTRA_CA_CERTS;
		launched.NODE_EXTRA_CA_CERTS = '';
	}
	const tunables = env.GLIBC_TUNABLES;
	if (!`:${tunables ?? ''}`.includes(':glibc.malloc.')) {
		launched[PASSED_TUNABLES] = tunables === undefined ? '' : `x${tunables}`;
		launched.GLIBC_TUNABLES = tunables ? `${tunables}:${MALLOC_TUNABLES}` : MALLOC_TUNABLES;
	}
	return launched;
}

/**
 * Puts back what the launcher took out of Node's environment or added to it (the certificates
 * file, the user's GLIBC_TUNABLES), so the programs the app starts see the environment as the
 * user left it. Run before anything reads the environment.
 */
export function restoreLauncherEnvironment(env: Record<string, string | undefined>): void {
	const passed = env[PASSED_CERTIFICATES];
	if (passed !== undefined) {
		env.NODE_EXTRA_CA_CERTS = passed;
		delete env[PASSED_CERTIFICATES];
	}
	const tunables = env[PASSED_TUNABLES];
	if (tunables !== undefined) {
		if (tunables === '') delete env.GLIBC_TUNABLES;
		else env.GLIBC_TUNABLES = tunables.slice(1);
		delete env[PASSED_TUNABLES];
	}
}
