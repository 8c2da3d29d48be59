// Finds where and why a text is not valid JSON, for a message that names the line and column
// (JSON.parse's own messages do not always carry a position). Only called after JSON.parse failed.

export interface JsonSyntaxError {
  offset: number;
  message: string;
  /** The text ended where more JSON was expected: the file looks truncated. */
  truncated: boolean;
}

const MAX_DEPTH = 5000;

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const fail = (message: string): never => {
    throw { offset: Math.min(i, text.length), message, truncated: i >= text.length } satisfies JsonSyntaxError;
  };
  const skipSpace = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const expectEndOr = (what: string) => (i >= text.length ? fail(`unexpected end of file: expected ${what}`) : fail(`expected ${what}, found ${show(text[i])}`));

  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === undefined) i++;
        else if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i += 2;
            fail('invalid \\u escape in a string (expected four hex digits)');
          }
          i += 6;
        } else if ('"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          fail(`invalid escape \\${e} in a string`);
        }
        continue;
      }
      if (c < ' ') fail('control character (such as a raw line break) inside a string');
      i++;
    }
    fail('unexpected end of file inside a string');
  };

  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '-' || m[0] === '') fail(`expected a value, found ${show(text[i])}`);
    i += m![0].length;
  };

  const value = (depth: number) => {
    if (depth > MAX_DEPTH) fail('nesting too deep');
    skipSpace();
    const c = text[i];
    if (c === undefined) fail('unexpected end of file: expected a value');
    if (c === '{') {
      i++;
      skipSpace();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skipSpace();
        if (text[i] !== '"') expectEndOr('a property name in double quotes');
        string();
        skipSpace();
        if (text[i] !== ':') expectEndOr('":" after a property name');
        i++;
        value(depth + 1);
        skipSpace();
        if (text[i] === ',') {
          i++;
          skipSpace();
          if (text[i] === '}') fail('trailing comma before "}"');
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        expectEndOr('"," or "}" after a property value');
      }
    }
    if (c === '[') {
      i++;
      skipSpace();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        skipSpace();
        if (text[i] === ',') {
          i++;
          skipSpace();
          if (text[i] === ']') fail('trailing comma before "]"');
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        expectEndOr('"," or "]" after an array element');
      }
    }
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
      if (word.startsWith(text.slice(i)) && i < text.length) {
        i = text.length;
        fail(`unexpected end of file in "${word}"`);
      }
    }
    number();
  };

  try {
    value(0);
    skipSpace();
    if (i < text.length) fail(`unexpected ${show(text[i])} after the end of the JSON value`);
    return undefined;
  } catch (error) {
    if (error instanceof RangeError) return { offset: i, message: 'nesting too deep', truncated: false };
    return error as JsonSyntaxError;
  }
}

function show(c: string): string {
  return c === '\n' ? 'a line break' : JSON.stringify(c);
}

/** 1-based line and column of an offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let j = text.indexOf('\n'); j !== -1 && j < offset; j = text.indexOf('\n', j + 1)) {
    line++;
    lineStart = j + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
