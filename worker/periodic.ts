// Runs `task` beside the worker every `intervalMs` until stopped: the safety-net sweeps that
// finish what a crashed request left undone. A run never overlaps the previous one, and a
// failed run (database or Temporal briefly away) is logged and tried again at the next tick.
export function runPeriodically(name: string, intervalMs: number, task: () => Promise<number>, log: (message: string) => void): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    task()
      .then((count) => count > 0 && log(`${name}: ${count} item(s) picked up`))
      .catch((error: Error) => log(`${name} failed: ${error.message}`))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
