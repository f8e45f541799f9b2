import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface BotProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

const ROOT = join(__dirname, '../..');

/** Start tests/support/childBot.ts as a separate process; resolves when it listens (or exits, for crash runs). */
export function spawnBot(env: Record<string, string>, options: { waitFor: 'listening' | 'exit' } = { waitFor: 'listening' }): Promise<BotProcess> {
  const child = spawn(process.execPath, ['--disable-warning=DEP0111', '-r', 'ts-node/register/transpile-only', join(ROOT, 'test/support/childBot.ts')], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  };
  return new Promise<BotProcess>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot process did not start in time:\n${out}`)), 30000);
    const onData = () => {
      const m = /"msg":"bot listening","url":"([^"]+)"/.exec(out);
      if (options.waitFor === 'listening' && m) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        resolve({ child, url: m[1]!, output: () => out, stop });
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', () => {
      clearTimeout(timer);
      if (options.waitFor === 'exit') resolve({ child, url: '', output: () => out, stop });
      else reject(new Error(`bot process exited early (${child.exitCode ?? child.signalCode}):\n${out}`));
    });
  });
}
