// The CLI's dispatcher and a command's bundle, built as the package builds them (production,
// minified) into a folder of their own, for tests that run the shipped executable itself.

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = join(__dirname, '..', '..', '..');

/** Builds dist/cli.js and the given command bundles (dist/cliRun.js ...) under dir; returns dir/dist/cli.js. */
export async function buildCli(dir: string, commandBundles: string[] = ['dist/cliRun.js']): Promise<string> {
  const { bundleOptions } = (await import(pathToFileURL(join(ROOT, 'esbuild.mjs')).href)) as {
    bundleOptions: (o: { production: boolean }) => (esbuild.BuildOptions & { outfile: string })[];
  };
  const wanted = ['dist/cli.js', ...commandBundles];
  const options = bundleOptions({ production: true }).filter((b) => wanted.includes(b.outfile));
  if (options.length !== wanted.length) throw new Error(`esbuild.mjs builds none of ${wanted.join(', ')}`);
  for (const b of options) {
    await esbuild.build({
      ...b,
      bundle: true,
      minify: true,
      sourcemap: false,
      logLevel: 'error',
      absWorkingDir: ROOT,
      outfile: join(dir, b.outfile),
    });
  }
  return join(dir, 'dist', 'cli.js');
}
