/* global console */
// After `vite build`: writes Brotli (.br) and gzip (.gz) twins of the text assets in web/dist/assets, which the
// gateway serves to browsers that accept them (@fastify/static's preCompressed), so that the first page loads a
// fraction of the bytes without compressing on every request. Fonts (woff2) are compressed already and are skipped.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const assets = join(import.meta.dirname, 'dist', 'assets');
let before = 0;
let after = 0;
for (const name of readdirSync(assets)) {
  if (!/\.(js|css|svg|json|map|ttf|eot)$/.test(name)) continue;
  const content = readFileSync(join(assets, name));
  const brotli = brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } });
  writeFileSync(join(assets, `${name}.br`), brotli);
  writeFileSync(join(assets, `${name}.gz`), gzipSync(content, { level: 9 }));
  if (!name.endsWith('.map')) {
    before += content.length;
    after += brotli.length;
  }
}
console.log(`web client assets: ${(before / 1024).toFixed(0)} kB, ${(after / 1024).toFixed(0)} kB with Brotli`);
