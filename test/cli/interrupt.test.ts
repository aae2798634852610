import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const interrupt = pathToFileURL(path.resolve(import.meta.dirname, '../../lib/cli/interrupt.js')).href;

/** A process that handles signals as the export does, signals itself, then ends on its own 300 ms later. */
function signalled(finishedFirst: boolean): { status: number | null; stderr: string } {
  const script = `
    const { exitOnInterrupt, markFinished } = await import(${JSON.stringify(interrupt)});
    exitOnInterrupt({ name: 'export', help: 'deck export --help', kept: 'earlier exports were left as they were.' });
    ${finishedFirst ? 'markFinished();' : ''}
    process.kill(process.pid, 'SIGINT');
    setTimeout(() => process.exit(0), 300);
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

describe('Ctrl-C', () => {
  it('before the work is in place: exits 130 at once and says nothing changed', () => {
    const r = signalled(false);
    expect(r.status).toBe(130);
    expect(r.stderr).toContain('earlier exports were left as they were');
  });

  it('after the work is in place (the swap done): lets the command finish as it would have', () => {
    const r = signalled(true);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
});
