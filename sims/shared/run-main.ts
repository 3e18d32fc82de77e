/**
 * How a simulator's command line runs: its main, a message and exit code 1 if it cannot
 * start, and a clean close on Ctrl-C or SIGTERM.
 */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

/** Closes the simulator on SIGINT or SIGTERM, then exits 0. */
export function closeOnSignals(close: () => Promise<void>): void {
  const stop = (): void => {
    void close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
