// Builds the dashboard into one folder the controller serves: the page, its style sheet, the page's script
// bundled with Chart.js, and the result chart alone as an ES module for other views (the ONOS GUI).
//   node tools/build.mjs [--outdir DIR]     (default: dist/dashboard)
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
let outdir = join(web, 'dist', 'dashboard');
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--outdir' && i + 1 < args.length) {
    outdir = resolve(args[++i]);
  } else if (args[i].startsWith('--outdir=')) {
    outdir = resolve(args[i].slice('--outdir='.length));
  } else {
    console.error(`build: unknown argument '${args[i]}'; usage: node tools/build.mjs [--outdir DIR]`);
    process.exit(2);
  }
}

mkdirSync(outdir, { recursive: true });
await build({
  entryPoints: [join(web, 'src', 'dashboard.js'), join(web, 'src', 'result-chart.js')],
  outdir,
  bundle: true,
  format: 'esm',
  target: 'es2020',
  minify: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
for (const file of ['index.html', 'dashboard.css']) {
  copyFileSync(join(web, 'src', file), join(outdir, file));
}
