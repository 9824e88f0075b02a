// write-file-atomic ships no type declarations; these are the two calls core/positions uses.
declare module 'write-file-atomic' {
	interface Options {
		readonly encoding?: BufferEncoding;
		readonly mode?: number;
		readonly fsync?: boolean;
	}
	function writeFileAtomic(
		path: string,
		data: string | Uint8Array,
		options?: Options,
	): Promise<void>;
	namespace writeFileAtomic {
		function sync(path: string, data: string | Uint8Array, options?: Options): void;
	}
	export default writeFileAtomic;
}
