// Loads the wasm build and exposes the benchmark to the driver (bench/run.mjs).
import init, { Explorer } from '../www/pkg/regularization_explorer.js';

window.benchReady = init({ module_or_path: new URL('../www/pkg/regularization_explorer_bg.wasm', import.meta.url) })
  .then(() => ({ cases: Explorer.benchmarkCaseCount() }));
window.Explorer = Explorer;
window.runCase = (index, budgetMs) => JSON.parse(Explorer.benchmarkCase(index, budgetMs));
