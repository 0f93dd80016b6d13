// Starts the real `ffe serve --demo` on a free loopback port with a fresh data folder, and stops it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const here = new URL('.', import.meta.url).pathname;

function ffeBinary() {
  if (process.env.E2E_FFE_BIN) return process.env.E2E_FFE_BIN;
  const target = process.env.CARGO_TARGET_DIR || resolve(here, '../../target');
  return join(target, 'debug', 'ffe');
}

function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

async function waitUntilHealthy(url, child, log) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`ffe exited early (${child.exitCode}):\n${log()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`ffe did not become healthy in 60 s:\n${log()}`);
}

// ffe reads its settings from FFE_* variables and refuses unknown ones; the test runner's own
// (FFE_TEST_DATABASE_URL, …) are not meant for this server.
function serverEnv() {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('FFE_')));
  return { ...env, RUST_LOG: 'warn' };
}

/** Start ffe with demo data; returns { url, stop }. */
export async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'ffe-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = '';
  const child = spawn(
    ffeBinary(),
    ['serve', '--demo', '--data-dir', dataDir, '--addr', `127.0.0.1:${port}`],
    { stdio: ['ignore', 'pipe', 'pipe'], env: serverEnv() },
  );
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  await waitUntilHealthy(url, child, () => output);
  return {
    url,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
