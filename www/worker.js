// The explorer's worker: an Explorer of its own that does the heavy work of large data (parsing
// a long paste, building the model, the path and cross-validation) off the page's main thread,
// and sends back what the page's Explorer needs to take the new state on without redoing it.
// Like the element, it does no maths itself.
import init, { Explorer } from './pkg/regularization_explorer.js';

const ready = init({ module_or_path: new URL('./pkg/regularization_explorer_bg.wasm', import.meta.url) })
  .then(() => new Explorer());

self.onmessage = async ({ data: message }) => {
  const { id, base, text, dataOptions, job } = message;
  try {
    const explorer = await ready;
    // First become the page's state: its data (sent only when it changed), then its choices.
    if (text !== undefined) explorer.setState(JSON.stringify({ data: text, dataOptions }));
    explorer.setState(JSON.stringify(base));
    if (job.kind === 'load') {
      const report = JSON.parse(explorer.loadData(job.text, JSON.stringify(job.options)));
      if (!report.ok) {
        self.postMessage({ id, report });
        return;
      }
      // The choices that go with the data (a restored or linked state); where they do not fit,
      // the data comes with its own, and the page says why.
      let thenError = null;
      try {
        explorer.setState(JSON.stringify(job.then ?? {}));
      } catch (error) {
        thenError = String(error?.message ?? error);
      }
      const columns = new Float64Array(explorer.tableColumns());
      const heavy = explorer.heavyParts();
      self.postMessage({ id, report, thenError, names: explorer.tableNamesJson(), columns, heavy },
        [columns.buffer, heavy.buffer]);
    } else {
      explorer.setState(JSON.stringify(job.patch));
      const heavy = explorer.heavyParts();
      self.postMessage({ id, heavy }, [heavy.buffer]);
    }
  } catch (error) {
    self.postMessage({ id, error: String(error?.message ?? error) });
  }
};
