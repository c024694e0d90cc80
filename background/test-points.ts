/**
 * Named points in a run where a test can hold the worker (to stop it exactly
 * there). Compiled to nothing in release builds: `__TEST__` is false there and
 * esbuild drops the body.
 */
interface Gate {
  reached: boolean;
  release: () => void;
  promise: Promise<void>;
}

const gates = new Map<string, Gate>();

export async function testPoint(name: string): Promise<void> {
  if (!__TEST__) return;
  const gate = gates.get(name);
  if (!gate) return;
  gate.reached = true;
  await gate.promise;
}

/** Test hook: the next time the run reaches `name` it waits there. */
export function holdAt(name: string): void {
  let release = (): void => undefined;
  const promise = new Promise<void>((ok) => (release = ok));
  gates.set(name, { reached: false, release, promise });
}

export function reached(name: string): boolean {
  return gates.get(name)?.reached ?? false;
}

export function releaseAt(name: string): void {
  gates.get(name)?.release();
  gates.delete(name);
}
