/**
 * Starting a test server whose harness already made things for it (a temp dir, keys): when
 * start() fails, stop() removes them before the error goes on to the test.
 */

export async function startOrStop<T extends { start(): Promise<void>; stop(): Promise<void> }>(instance: T): Promise<T> {
  try {
    await instance.start();
  } catch (error) {
    await instance.stop().catch(() => undefined);
    throw error;
  }
  return instance;
}
