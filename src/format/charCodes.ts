// Character codes the counter-line readers compare against (charCodeAt, no substrings).

export const TAB = 9;
export const SPACE = 32;
export const QUOTE = 34;
export const DOT = 46;
export const ZERO = 48;
export const NINE = 57;
export const EQ = 61;
export const BACKSLASH = 92;
export const LOWER_T = 116;
export const LBRACE = 123;
