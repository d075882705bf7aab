// <regularization-explorer>, the module pages load: it defines the element (element.js) once,
// however many times it is loaded. See ARCHITECTURE.md for the modules and what each owns.
import { RegularizationExplorer } from './element.js';

export { RegularizationExplorer };

if (!customElements.get('regularization-explorer')) {
  customElements.define('regularization-explorer', RegularizationExplorer);
}
