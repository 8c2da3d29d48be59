// esbuild plugins for the bundles that run in VS Code for the Web (the web worker extension host).
//
// noNodeBuiltins: the build fails on any import of a Node built-in (`node:fs`, `path`, ...) or of
// a desktop-only module (src/sources, src/sweep, src/extension/*.node.ts), naming the importer; a browser
// worker has none of them, and a bundle that pulled one in would fail at activation instead.
//
// engineWorkerSource: the virtual module `virtual:engine-worker-source` is the web engine
// worker (src/extension/runWorker.web.ts) bundled as one script, exported as a string, so the
// extension can start it from a Blob URL.
import { builtinModules } from 'node:module';
import { relative, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot } from './codeServerPaths.mjs';

const builtins = new Set(builtinModules.filter((m) => !m.startsWith('_')));
const builtinFilter = /^(node:.*|[a-z_][a-z0-9_]*(\/[a-z0-9_/]+)?)$/;
const desktopOnly = /(^|\/)src\/(sources|sweep)\/|\.node\.ts$/;

const rel = (p) => relative(repoRoot, p) || p;

export function noNodeBuiltins(bundleName) {
  return {
    name: 'no-node-builtins',
    setup(build) {
      build.onResolve({ filter: builtinFilter }, (args) => {
        const name = args.path.replace(/^node:/, '');
        if (!args.path.startsWith('node:') && !builtins.has(name)) return undefined;
        return {
          errors: [
            {
              text: `${rel(args.importer)} imports the Node built-in "${args.path}", but ${bundleName} runs in a browser worker (VS Code for the Web): keep Node code in *.node.ts files or src/sources`,
            },
          ],
        };
      });
      build.onResolve({ filter: /^\./ }, async (args) => {
        if (args.pluginData?.checked) return undefined;
        const result = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { checked: true },
        });
        if (result.errors.length > 0) return { errors: result.errors };
        if (desktopOnly.test(rel(result.path))) {
          return {
            errors: [
              {
                text: `${rel(args.importer)} imports ${rel(result.path)}, which is desktop-only (Node), but ${bundleName} runs in a browser worker (VS Code for the Web)`,
              },
            ],
          };
        }
        return result;
      });
    },
  };
}

/** `define`: the same as the bundle's own (esbuild.mjs), so the worker loses the test hooks with it. */
export function engineWorkerSource({ production, define }) {
  const entry = resolve(repoRoot, 'src/extension/runWorker.web.ts');
  return {
    name: 'engine-worker-source',
    setup(build) {
      build.onResolve({ filter: /^virtual:engine-worker-source$/ }, () => ({
        path: 'engine-worker-source',
        namespace: 'engine-worker-source',
      }));
      build.onLoad({ filter: /.*/, namespace: 'engine-worker-source' }, async () => {
        const worker = await esbuild.build({
          entryPoints: [entry],
          bundle: true,
          write: false,
          metafile: true,
          platform: 'browser',
          format: 'iife',
          target: 'es2022',
          minify: production,
          define,
          logLevel: 'silent',
          plugins: [noNodeBuiltins('the web engine worker')],
        });
        return {
          contents: `export default ${JSON.stringify(worker.outputFiles[0].text)};\n`,
          loader: 'js',
          watchFiles: Object.keys(worker.metafile.inputs).map((p) => resolve(repoRoot, p)),
        };
      });
    },
  };
}
