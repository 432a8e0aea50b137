// Module hooks for the child process of electron/main/bundle.test.ts: 'electron' resolves to the
// stand-in beside this file; every other module resolves as usual.
const standIn = new URL('./electron.mjs', import.meta.url).href;

export function resolve(specifier, context, nextResolve) {
  return specifier === 'electron' ? { url: standIn, shortCircuit: true } : nextResolve(specifier, context);
}
