import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		setupFiles: ['test/setup-cache.ts'],
		// Assembles the diff's scanner (WebAssembly) into .build/ when older than its source.
		globalSetup: ['test/global-setup.ts'],
		testTimeout: 20_000,
		// The terminal tests start real processes; two cores cannot run many at once without flaking.
		maxWorkers: 2,
	},
});
