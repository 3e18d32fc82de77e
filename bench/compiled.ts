/**
 * The programs under test run as they run in production: compiled JavaScript, not
 * TypeScript through a loader (tsx costs tens of MB of RSS and a loader thread). The
 * hub is built with `npm run build` into dist/ (bin/hub.js runs it); the floor with
 * tsconfig.bench.json into .tmp/bench-dist/. Both are built once, at the start.
 */
import { execFileSync } from 'node:child_process';

/** The hub's command line entry (runs dist/ once built). */
export const HUB_ENTRY = 'bin/hub.js';
/** The floor program, compiled. */
export const FLOOR_ENTRY = '.tmp/bench-dist/bench/floor.js';

export function buildPrograms(): void {
  const tsc = 'node_modules/typescript/bin/tsc';
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.bench.json'], { stdio: 'inherit' });
}
