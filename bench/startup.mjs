// Measures start to first answered request: spawns `schild serve` and polls /api/v1/health
// every millisecond until it answers 200; prints the milliseconds, then stops the server.
import { spawn } from 'node:child_process';
import http from 'node:http';

const [bin, db, port] = process.argv.slice(2);
const t0 = process.hrtime.bigint();
const proc = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`], { stdio: 'ignore' });
const poll = () => new Promise((ok) => {
  const req = http.get({ host: '127.0.0.1', port, path: '/api/v1/health', agent: false }, (res) => {
    res.resume();
    ok(res.statusCode === 200);
  });
  req.on('error', () => ok(false));
});
for (let i = 0; i < 20000; i++) {
  if (await poll()) break;
  await new Promise((r) => setTimeout(r, 1));
}
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
proc.kill('SIGTERM');
await new Promise((r) => proc.once('exit', r));
console.log(ms.toFixed(1));
