// A Vega view without a DOM (renderer 'none'), evaluated with the CSP-safe expression
// interpreter, as the notebook renderer draws charts. vega is an ES module with a top-level
// await inside: loaded by dynamic import, once.
import type { Spec, View } from 'vega';

let loaded: Promise<{ vega: typeof import('vega'); interpreter: unknown }> | undefined;

export async function headlessView(spec: Spec): Promise<View> {
  loaded ??= Promise.all([import('vega'), import('vega-interpreter')]).then(([vega, i]) => ({
    vega,
    interpreter: i.expressionInterpreter,
  }));
  const { vega, interpreter } = await loaded;
  return new vega.View(vega.parse(spec, undefined, { ast: true }), { renderer: 'none', expr: interpreter as never });
}
