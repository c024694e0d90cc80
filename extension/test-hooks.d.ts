/** Replaced by esbuild: true in the test build, false (and dead code removed) in release builds. */
declare const __TEST__: boolean;
