import type { BuildOptions } from 'esbuild';

/** See content-bundles.mjs. */
export function bundleContent(spec: {
  core: string;
  parts: Record<string, string>;
  options: BuildOptions;
}): Promise<{ core: string; parts: Record<string, string>; shared: string[] }>;
