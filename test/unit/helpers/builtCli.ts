// Bundles built as the package builds them (esbuild.mjs, production, minified) into a folder of
// their own, for tests that run the shipped files themselves rather than the repository's dist/.

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = join(__dirname, '..', '..', '..');

/** Builds the bundles of esbuild.mjs whose outfile (dist/...) `wanted` names into dir; all must exist. */
export async function buildShippedBundles(dir: string, wanted: readonly string[]): Promise<void> {
  const { bundleOptions } = (await import(pathToFileURL(join(ROOT, 'esbuild.mjs')).href)) as {
    bundleOptions: (o: { production: boolean }) => (esbuild.BuildOptions & { outfile: string })[];
  };
  const options = bundleOptions({ production: true }).filter((b) => wanted.includes(b.outfile));
  const missing = wanted.filter((w) => !options.some((b) => b.outfile === w));
  if (missing.length > 0) throw new Error(`esbuild.mjs builds none of ${missing.join(', ')}`);
  await Promise.all(
    options.map((b) =>
      esbuild.build({
        ...b,
        bundle: true,
        minify: true,
        sourcemap: false,
        logLevel: 'error',
        absWorkingDir: ROOT,
        outfile: join(dir, b.outfile),
      }),
    ),
  );
}

/** Builds dist/cli.js and the given command bundles (dist/cliRun.js ...) under dir; returns dir/dist/cli.js. */
export async function buildCli(dir: string, commandBundles: string[] = ['dist/cliRun.js']): Promise<string> {
  await buildShippedBundles(dir, ['dist/cli.js', ...commandBundles]);
  return join(dir, 'dist', 'cli.js');
}
