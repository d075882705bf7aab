// Assembles dist/ from the built app (run after wasm-bindgen has filled www/pkg):
//   dist/index.html, embed.html, examples/   the pages
//   dist/www/                               the element's module, its worker, the wasm (the
//                                            JavaScript minified, each module still its own file)
//   dist/regularization-explorer.html       one self-contained file, wasm inlined, for file://
//                                            and for an LMS that takes a single uploaded file
// and prints the size of each, raw and gzipped.
import { build, transform } from 'esbuild';
import { cp, mkdir, readFile, rm, writeFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const PAGES = ['index.html', 'embed.html', 'examples/index.html', 'examples/lesson.css', 'www/page.css'];
/** Bundled with what they import (the element's modules and the wasm-bindgen glue): one file each. */
const BUNDLED = ['www/regularization-explorer.js', 'www/worker.js'];
/** Classic or small scripts the pages load as they are. */
const SCRIPTS = ['www/embed.js', 'www/embed-check.js', 'www/frame-height.js'];

await rm(DIST, { recursive: true, force: true });
const minify = { minify: true, legalComments: 'none', logLevel: 'warning' };
for (const file of [...PAGES, ...BUNDLED, ...SCRIPTS, 'www/pkg/regularization_explorer_bg.wasm']) {
  const target = path.join(DIST, file);
  await mkdir(path.dirname(target), { recursive: true });
  if (BUNDLED.includes(file)) {
    await build({ entryPoints: [path.join(ROOT, file)], bundle: true, format: 'esm', outfile: target, ...minify });
  } else if (SCRIPTS.includes(file)) {
    const { code } = await transform(await readFile(path.join(ROOT, file), 'utf8'), { loader: 'js', ...minify });
    await writeFile(target, code);
  } else if (file.endsWith('.html')) {
    // The element is one bundled module in dist/: the pages preload it and the wasm, nothing else.
    const html = await readFile(path.join(ROOT, file), 'utf8');
    await writeFile(target, html.replace(/\n\s*<link rel="modulepreload" href="[^"]*">/g, ''));
  } else {
    await cp(path.join(ROOT, file), target);
  }
}

// The one file: the element and the wasm-bindgen glue bundled into one module, the wasm inlined.
const wasm = await readFile(path.join(ROOT, 'www/pkg/regularization_explorer_bg.wasm'));
const bundled = await build({
  entryPoints: [path.join(ROOT, 'www/regularization-explorer.js')],
  bundle: true,
  format: 'esm',
  write: false,
  minify: true,
  legalComments: 'none',
  define: { REGULARIZATION_EXPLORER_INLINE_WASM: JSON.stringify(wasm.toString('base64')) },
  logLevel: 'warning',
});
// "</script" would end the inline script early; "<\/script" is the same text to JavaScript.
const script = bundled.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
const css = await readFile(path.join(ROOT, 'www/page.css'), 'utf8');
const single = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Regularization explorer</title>
<link rel="icon" href="data:,">
<style>${css}</style>
<script type="module">${script}</script>
</head>
<body>
<main>
<regularization-explorer url-state></regularization-explorer>
</main>
</body>
</html>
`;
await writeFile(path.join(DIST, 'regularization-explorer.html'), single);

const sizes = [];
for (const file of [...PAGES, ...BUNDLED, ...SCRIPTS, 'www/pkg/regularization_explorer_bg.wasm', 'regularization-explorer.html']) {
  const bytes = await readFile(path.join(DIST, file));
  sizes.push([file, (await stat(path.join(DIST, file))).size, gzipSync(bytes, { level: 9 }).length]);
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const [file, raw, gz] of sizes) console.log(`[dist] ${file.padEnd(42)} ${kb(raw).padStart(10)} ${kb(gz).padStart(10)} gzipped`);
