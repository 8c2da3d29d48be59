// Every source that is running in this process (commands, followed files), so that nothing is
// left running when the extension deactivates (`stopAllSources`) or the process exits without
// that (a last, synchronous SIGKILL of each command's processes).

interface LiveSource {
  stop(): Promise<void>;
  killNowSync(): void;
}

const live = new Set<LiveSource>();
let exitHookInstalled = false;

export function registerLiveSource(source: LiveSource): () => void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const s of live) s.killNowSync();
    });
  }
  live.add(source);
  return () => live.delete(source);
}

export function liveSourceCount(): number {
  return live.size;
}

/** Stops every running source and their process trees; resolves when all are gone. */
export async function stopAllSources(): Promise<void> {
  await Promise.all([...live].map((s) => s.stop()));
}
