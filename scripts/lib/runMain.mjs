// The end of a script that can also be imported: when node was started on it, run its main and
// exit with the status main resolves to, or print main's error and exit 1.
import { fileURLToPath } from 'node:url';

/** `moduleUrl` is the calling script's import.meta.url; `main` resolves to an exit status. */
export function runIfMain(moduleUrl, main) {
  if (process.argv[1] !== fileURLToPath(moduleUrl)) return;
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
