// Where and why a text is not valid JSON, for a message that names the line and column (JSON.parse's
// own messages do not always carry a position). The positions come from jsonc-parser (the parser
// VS Code uses), in strict mode: a .stressnb file is JSON, so comments and trailing commas are
// errors. What was expected is told by the parser's error code and, for a stray word, by where in
// the JSON structure it stands. Only called after JSON.parse failed.

import { printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser';

export interface JsonSyntaxError {
  /** Where the error is: 0-based offset, 1-based line and column. */
  offset: number;
  line: number;
  column: number;
  message: string;
  /** The text ended where more JSON was expected: the file looks truncated. */
  truncated: boolean;
}

const STRICT = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

/** What the parser expects next, from the structure read so far. */
type Expected = 'value' | 'value or ]' | 'name' | 'name or }' | 'colon' | ', or }' | ', or ]' | 'end';

const EXPECTED_TEXT: Record<Expected, string> = {
  value: 'a value',
  'value or ]': 'a value or "]"',
  name: 'a property name in double quotes',
  'name or }': 'a property name in double quotes or "}"',
  colon: '":" after a property name',
  ', or }': '"," or "}" after a property value',
  ', or ]': '"," or "]" after an array element',
  end: 'the end of the file after the JSON value',
};

interface FirstError {
  /** The error code's name, such as `PropertyNameExpected` (the enum is a const enum, out of reach here). */
  code: ReturnType<typeof printParseErrorCode>;
  offset: number;
  length: number;
  expected: Expected;
}

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let first: FirstError | undefined;
  try {
    first = firstError(text);
  } catch (error) {
    // jsonc-parser recurses into nested values: a deep enough nesting overflows the stack.
    if (error instanceof RangeError) return at(text, 0, 'nesting too deep', false);
    throw error;
  }
  return first ? describe(text, first) : undefined;
}

/** The first error jsonc-parser reports, with what the structure expected at that point. */
function firstError(text: string): FirstError | undefined {
  const containers: ('object' | 'array')[] = [];
  let expected: Expected = 'value';
  const valueDone = () => {
    const inside = containers.at(-1);
    expected = inside === 'object' ? ', or }' : inside === 'array' ? ', or ]' : 'end';
  };
  let first: FirstError | undefined;
  visit(
    text,
    {
      onObjectBegin: () => {
        containers.push('object');
        expected = 'name or }';
      },
      onObjectProperty: () => {
        expected = 'colon';
      },
      // At the end of the text jsonc-parser ends the open object or array (a zero-length end) and
      // then reports the missing bracket: what was expected is what it was before that end.
      onObjectEnd: (_offset, length) => {
        if (length === 0) return;
        containers.pop();
        valueDone();
      },
      onArrayBegin: () => {
        containers.push('array');
        expected = 'value or ]';
      },
      onArrayEnd: (_offset, length) => {
        if (length === 0) return;
        containers.pop();
        valueDone();
      },
      onLiteralValue: valueDone,
      onSeparator: (separator) => {
        if (separator === ':') expected = 'value';
        else expected = containers.at(-1) === 'object' ? 'name' : 'value';
      },
      onError: (code: ParseErrorCode, offset, length) => {
        first ??= { code: printParseErrorCode(code), offset, length, expected };
      },
    },
    STRICT,
  );
  return first;
}

function describe(text: string, { code, offset, length, expected }: FirstError): JsonSyntaxError {
  const token = text.slice(offset, offset + length);
  const atEnd = offset >= text.length;
  // The error's token runs to the end of the text (a string, a number or a comment cut short), or
  // the text ended where more was expected: the file was cut.
  const cut = atEnd || offset + length >= text.length;
  switch (code) {
    case 'UnexpectedEndOfString':
      if (cut) return at(text, text.length, 'unexpected end of file inside a string', true);
      // jsonc-parser ends a string at a raw line break.
      return at(text, offset + length, 'a line break inside a string (write it as \\n)', false);
    case 'InvalidCharacter':
      return at(
        text,
        offset + firstControlCharacter(token),
        'control character inside a string (write it as an escape such as \\t or \\u0000)',
        false,
      );
    case 'InvalidEscapeCharacter':
    case 'InvalidUnicode': {
      const i = firstIndex(token, /\\(?:u(?![0-9a-fA-F]{4})|[^"\\/bfnrtu])/);
      const escape = token.slice(i, i + 2);
      return at(
        text,
        offset + i,
        escape === '\\u' ? 'invalid \\u escape in a string (expected four hex digits)' : `invalid escape ${escape} in a string`,
        false,
      );
    }
    case 'UnexpectedEndOfNumber':
      if (cut) return at(text, text.length, 'unexpected end of file inside a number', true);
      return at(text, offset + length, `the number ${JSON.stringify(token)} ends before its digits`, false);
    case 'InvalidCommentToken':
    case 'UnexpectedEndOfComment':
      return at(text, offset, 'a comment: JSON has none', false);
    case 'InvalidSymbol':
      // A word or a number cut by the end of the text: `tru`, `-`.
      if (cut && token === '-') return at(text, text.length, 'unexpected end of file inside a number', true);
      if (cut && /^(t(r(ue?)?)?|f(a(l(se?)?)?)?|n(u(ll?)?)?)$/.test(token)) {
        return at(text, text.length, `unexpected end of file in "${['true', 'false', 'null'].find((w) => w.startsWith(token))}"`, true);
      }
  }
  if (atEnd) return at(text, text.length, `unexpected end of file: expected ${EXPECTED_TEXT[expected]}`, true);
  // The parser wanted a property name or a value and found the end of the object or array.
  if ((token === '}' && expected === 'name') || (token === ']' && expected === 'value'))
    return at(text, offset, `trailing comma before "${token}"`, false);
  if (expected === 'end') return at(text, offset, `unexpected ${shown(token)} after the end of the JSON value`, false);
  return at(text, offset, `expected ${EXPECTED_TEXT[expected]}, found ${shown(token)}`, false);
}

function firstControlCharacter(text: string): number {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20) return i;
  return 0;
}

function firstIndex(text: string, pattern: RegExp): number {
  return Math.max(0, text.search(pattern));
}

/** A token as the message shows it, cut to a readable length, invisible characters as \u escapes. */
function shown(token: string): string {
  const cut = token.length > 24 ? `${token.slice(0, 24)}…` : token;
  return JSON.stringify(cut).replace(/[\s\p{C}]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function at(text: string, offset: number, message: string, truncated: boolean): JsonSyntaxError {
  return { offset, ...lineColumnAt(text, offset), message, truncated };
}

/** 1-based line and column of an offset; a line ends at \n, \r\n or \r, as jsonc-parser counts. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const breaks = /\r\n|\r|\n/g;
  for (let m = breaks.exec(text); m && m.index < offset; m = breaks.exec(text)) {
    line++;
    lineStart = m.index + m[0].length;
  }
  return { line, column: offset - lineStart + 1 };
}
