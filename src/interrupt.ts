/**
 * Interrupts while files are being written. A SIGINT (Ctrl-C) or SIGTERM (a CI job cancelled)
 * that arrives while temporary files exist runs their clean-up first, then exits with the
 * shell's code for that signal (130, 143), so an interrupted write leaves nothing behind.
 */

export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type HandledSignal = keyof typeof SIGNAL_EXIT_CODES;

/**
 * Runs `work`; a SIGINT or SIGTERM before it settles runs `cleanUp` (synchronously: nothing
 * asynchronous runs once the process exits), says so on stderr and exits 130 / 143. Outside
 * `work` the signals keep their default effect.
 */
export async function cleanUpOnInterrupt<T>(what: string, cleanUp: () => void, work: () => Promise<T>): Promise<T> {
  const handlers = new Map<HandledSignal, () => void>();
  for (const signal of Object.keys(SIGNAL_EXIT_CODES) as HandledSignal[]) {
    const handler = (): void => {
      try {
        cleanUp();
      } finally {
        process.stderr.write(`scv-guard: interrupted by ${signal} while ${what}; its temporary files are removed\n`);
        process.exit(SIGNAL_EXIT_CODES[signal]);
      }
    };
    handlers.set(signal, handler);
    process.on(signal, handler);
  }
  try {
    return await work();
  } finally {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  }
}
