// The argument loop every subcommand shares: `--name value` and `--name=value` both work, a lone
// `-` is an argument (standard input), any other `-x` that is not a known option is an error.

/** Reads the option's value: the text after `=`, else the next argument (undefined when there is none). */
export type OptionValue = () => string | undefined;

export interface ArgHandlers {
  /** Each known option by its name with dashes (`--format`); returns an error message, or nothing when fine. */
  options: Readonly<Record<string, (value: OptionValue) => string | void>>;
  /** Every argument that is not an option; returns an error message, or nothing when fine. */
  positional: (arg: string) => string | void;
}

/** Hands each argument to its handler; returns the first error message, or undefined. */
export function scanArgs(args: readonly string[], handlers: ArgHandlers): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.indexOf('=');
    const [flag, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const option = Object.hasOwn(handlers.options, flag) ? handlers.options[flag] : undefined;
    const error = option
      ? option(() => inline ?? args[++i])
      : arg.startsWith('-') && arg !== '-'
        ? `unknown option ${arg}`
        : handlers.positional(arg);
    if (typeof error === 'string') return error;
  }
  return undefined;
}
