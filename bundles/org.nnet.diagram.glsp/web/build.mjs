// Bundles the NNet diagram's web client with esbuild into the folder given as the first argument (the Maven
// build passes the bundle's target/classes/web): nnet-diagram.js, nnet-diagram.css (GLSP's, sprotty's, the
// codicons and ours, imported by the app), the codicon font and index.html.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
if (!out) {
    console.error('usage: node build.mjs OUTPUT_FOLDER');
    process.exit(2);
}
mkdirSync(out, { recursive: true });
await esbuild.build({
    entryPoints: ['src/app.ts'],
    bundle: true,
    minify: true,
    sourcemap: false,
    target: ['chrome100', 'safari15'],
    format: 'iife',
    outfile: join(out, 'nnet-diagram.js'),
    loader: { '.ttf': 'file' },
    logLevel: 'warning',
    legalComments: 'linked'
});
cpSync('static/index.html', join(out, 'index.html'));
console.log('NNet diagram client written to ' + out);
