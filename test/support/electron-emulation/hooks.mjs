// Module resolution hook: the packaged main bundle's `import ... from "electron"` gets the stand-in.
const standin = new URL('./electron.mjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: standin, shortCircuit: true };
  return next(specifier, context);
}
