// Starts the built-in mock in a child process (its own core) on a free loopback port.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../mock/cli.ts', import.meta.url));

export type MockProcess = { url: string; pid: number; stop(): Promise<void> };

export function startMockProcess(extraArgs: string[] = [], env: NodeJS.ProcessEnv = process.env): Promise<MockProcess> {
  const childEnv = { ...env };
  delete childEnv.CHERT_BASE_URL;
  delete childEnv.CHERT_INTERNAL_BUILTIN_MOCK;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', ...extraArgs], {
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => fail(new Error('the built-in mock did not start within 15 s')), 15_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill();
      reject(error);
    };
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^CHERT_MOCK_URL=(\S+)$/m.exec(out);
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.removeAllListeners('data');
      child.stdout?.resume();
      resolve({
        url: match[1] as string,
        pid: child.pid as number,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => fail(new Error(`the built-in mock exited (code ${String(code)}): ${err.trim().split('\n')[0] ?? ''}`)));
  });
}
