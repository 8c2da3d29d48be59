// Set by esbuild.mjs's `define`: true in the development build (the one the tests load), false in
// the production build (`node esbuild.mjs --production`, what `npm run package` ships), where every
// branch behind it is dead code and dropped: the test hooks (testHooks.ts).
declare const STRESSNB_TEST_HOOKS: boolean;
