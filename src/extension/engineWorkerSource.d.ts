// The web engine worker's bundled source (src/extension/runWorker.web.ts), inlined into
// dist/extension.web.js by esbuild.mjs, so the worker can start from a Blob URL.
declare module 'virtual:engine-worker-source' {
  const source: string;
  export default source;
}
