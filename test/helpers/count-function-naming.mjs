/**
 * Preload (before tsx): counts Object.defineProperty(f, 'name', ...) calls while globalThis.__countFunctionNaming is
 * true, by the first stack frame inside this repository. tsx compiles with esbuild's keepNames, which names each
 * closure bound to a name with such a call as it is created; the helpers esbuild injects capture
 * Object.defineProperty when a module loads, so this must be loaded first.
 */
const define = Object.defineProperty;
const counts = new Map();
globalThis.__functionNamingCounts = counts;
globalThis.__countFunctionNaming = false;
Object.defineProperty = function defineProperty(target, key, descriptor) {
  if (globalThis.__countFunctionNaming && key === 'name' && typeof target === 'function') {
    const frame = (new Error().stack ?? '').split('\n').slice(2).find((line) => line.includes('/') && !line.includes('__name') && !line.includes('node_modules') && !line.includes('node:')) ?? '(unknown)';
    const where = `${String(descriptor?.value)} ${frame.trim()}`;
    counts.set(where, (counts.get(where) ?? 0) + 1);
  }
  return define(target, key, descriptor);
};
