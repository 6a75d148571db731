/**
 * Import resolver for eslint-plugin-boundaries (eslint-module-utils interface version 2): resolves the `@kitos/<lib>`
 * path aliases of tsconfig.json to libs/<lib>/src and relative imports to their .ts files, so that the boundary rule
 * sees which service or library an import reaches. Anything else (packages, node: built-ins) is external.
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = __dirname;
const EXTENSIONS = ['.ts', '.js', '/index.ts', '/index.js'];

function firstExisting(base) {
  if (fs.existsSync(base) && fs.statSync(base).isFile()) return base;
  for (const extension of EXTENSIONS) {
    if (fs.existsSync(base + extension)) return base + extension;
  }
  return undefined;
}

module.exports = {
  interfaceVersion: 2,
  resolve(source, file) {
    const alias = /^@kitos\/([a-z-]+)(\/.*)?$/.exec(source);
    if (alias) {
      const found = firstExisting(path.join(ROOT, 'libs', alias[1], 'src', alias[2] ?? ''));
      return found ? { found: true, path: found } : { found: false };
    }
    if (source.startsWith('.')) {
      const found = firstExisting(path.resolve(path.dirname(file), source));
      return found ? { found: true, path: found } : { found: false };
    }
    return { found: false };
  },
};
