// Sizes of the production build: the JavaScript a first page load needs (the entry script and
// what it preloads) and everything else, raw and gzipped. Used by `npm run bench`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BuildSizes {
  initialJsBytes: number;
  initialJsGzipBytes: number;
  totalJsBytes: number;
  totalJsGzipBytes: number;
  files: Array<{ file: string; bytes: number; gzipBytes: number; initial: boolean }>;
}

export function measureBuild(distDir: string): BuildSizes {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const initial = new Set<string>();
  for (const m of html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)) {
    initial.add(m[1].replace(/^.*\/assets\//, 'assets/'));
  }
  const files: BuildSizes['files'] = [];
  const assets = join(distDir, 'assets');
  for (const name of readdirSync(assets)) {
    if (!name.endsWith('.js')) continue;
    const path = join(assets, name);
    const bytes = statSync(path).size;
    const gzipBytes = gzipSync(readFileSync(path), { level: 9 }).length;
    files.push({ file: `assets/${name}`, bytes, gzipBytes, initial: initial.has(`assets/${name}`) });
  }
  const sum = (xs: typeof files, k: 'bytes' | 'gzipBytes') => xs.reduce((s, f) => s + f[k], 0);
  const first = files.filter((f) => f.initial);
  return {
    initialJsBytes: sum(first, 'bytes'),
    initialJsGzipBytes: sum(first, 'gzipBytes'),
    totalJsBytes: sum(files, 'bytes'),
    totalJsGzipBytes: sum(files, 'gzipBytes'),
    files: files.sort((a, b) => b.bytes - a.bytes),
  };
}
