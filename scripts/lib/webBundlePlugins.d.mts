// Types for webBundlePlugins.mjs (used by the unit test of the web build check).
import type { Plugin } from 'esbuild';

export function noNodeBuiltins(bundleName: string): Plugin;
export function engineWorkerSource(options: { production: boolean; define: Record<string, string> }): Plugin;
