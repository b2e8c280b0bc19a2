// Runs `npm ci` only when node_modules does not match package-lock.json, so a repeated Maven build does not
// reinstall. The lock file's hash is stamped into node_modules after a successful install. Install scripts
// are not run: the packages need none (esbuild's binary comes as its own package).
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(web, 'package-lock.json');
const stamp = join(web, 'node_modules', '.intstream-lock.sha256');

const wanted = createHash('sha256').update(readFileSync(lock)).digest('hex');
const have = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : '';
if (have === wanted) {
  process.exit(0);
}
console.error('web: node_modules is missing or older than package-lock.json; running npm ci');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = spawnSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: web, stdio: 'inherit' });
if (run.error) {
  console.error(`web: can't run npm: ${run.error.message}`);
  process.exit(1);
}
if (run.status !== 0) {
  process.exit(run.status ?? 1);
}
writeFileSync(stamp, wanted + '\n');
