// Which tests a run executes. Tests whose title contains @restricted run only in the restricted-mode
// pass (workspace trust enabled, folder untrusted); every other test runs only in the trusted pass.
export type TestMode = 'trusted' | 'restricted';

export const restrictedTag = '@restricted';

export function testMode(value = process.env.STRESSNB_TEST_MODE): TestMode {
  return value === 'restricted' ? 'restricted' : 'trusted';
}

/** One regular expression for mocha's grep: the mode's tag rule, and the user's pattern if any. */
export function testGrep(mode: string | undefined, userPattern?: string): RegExp {
  const tag = testMode(mode) === 'restricted' ? `(?=.*${restrictedTag})` : `(?!.*${restrictedTag})`;
  const user = userPattern ? `(?=.*(?:${userPattern}))` : '';
  return new RegExp(`^${tag}${user}`, 's');
}
