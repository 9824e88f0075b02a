import {useEffect, useState} from 'react';

/**
 * Loads a module after the first frame and returns it once loaded (undefined until then).
 * Used instead of React.lazy for the reader and the diff: Suspense holds back revealing
 * content for up to 300 ms, which a reader opening on Enter must not wait for; loading right
 * after start-up also means the module is usually there before it is first needed.
 */
export function usePreloaded<Module>(load: () => Promise<Module>): Module | undefined {
	const [module, setModule] = useState<Module>();
	useEffect(() => {
		let current = true;
		// A macrotask later, so the first frames and the corpus's first batches go first.
		const timer = setTimeout(() => {
			void load().then((loaded) => {
				if (current) setModule(() => loaded);
			});
		}, 0);
		return () => {
			current = false;
			clearTimeout(timer);
		};
		// The loader is a module-level constant of the caller.
	}, []);
	return module;
}
