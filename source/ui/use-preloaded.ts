import {useEffect, useState} from 'react';

/**
 * The value of a module that is loading in the background, once it has loaded (undefined
 * before). Used instead of React.lazy for the reader and the diff: Suspense holds back
 * revealing content for up to 300 ms, which a reader opening on Enter must not wait for.
 * Undefined while nothing has started loading it.
 */
export function usePreloaded<Module>(loading: Promise<Module> | undefined): Module | undefined {
	const [module, setModule] = useState<Module>();
	useEffect(() => {
		if (loading === undefined) return;
		let current = true;
		void loading.then((loaded) => {
			if (current) setModule(() => loaded);
		});
		return () => {
			current = false;
		};
	}, [loading]);
	return module;
}
