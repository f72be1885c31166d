/** The error `fn` throws, which must be a `type`; anything else, or no throw at all, fails the test. */
export function thrown<E extends Error>(fn: () => unknown, type: abstract new (...args: never[]) => E): E {
  try {
    fn();
  } catch (err) {
    if (err instanceof type) return err;
    throw err;
  }
  throw new Error(`expected a ${type.name} to be thrown`);
}

/** The error the promise `fn` returns rejects with, which must be a `type`. */
export async function thrownAsync<E extends Error>(fn: () => Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof type) return err;
    throw err;
  }
  throw new Error(`expected a ${type.name} to be thrown`);
}
