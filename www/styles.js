// The element's stylesheet, applied inside its shadow root so that pages and instances never clash.
export const STYLES = `
:host {
  --rx-plot-height: auto;
  --ink: #1f2328;
  --muted: #57606a;
  --line: #d0d7de;
  --panel: #ffffff;
  --back: #f6f8fa;
  --accent: #0072b2;
  --warn: #9a3412;
  display: block;
  position: relative;
  color: var(--ink);
  background: var(--back);
  font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  container-type: inline-size;
}
* { box-sizing: border-box; }
.app { display: grid; gap: 12px; padding: 12px; grid-template-columns: minmax(260px, 320px) 1fr; }
@container (max-width: 760px) { .app { grid-template-columns: minmax(0, 1fr); } }
header { grid-column: 1 / -1; display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: baseline; }
h2 { font-size: 1.25em; margin: 0; }
/* The caption has a row of its own, two lines high, so that a new caption never moves the panels. */
.caption { color: var(--muted); margin: 0; flex-basis: 100%; order: 3; min-height: 2.9em; }
.controls, .panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 12px; }
.controls { display: flex; flex-direction: column; gap: 14px; align-self: start; }
.field { display: flex; flex-direction: column; gap: 4px; }
.field > .row { display: flex; justify-content: space-between; align-items: baseline; gap: 8px; }
label, legend { font-weight: 600; }
output { font-variant-numeric: tabular-nums; font-weight: 600; color: var(--accent); }
fieldset { border: 0; margin: 0; padding: 0; }
.choices { display: grid; grid-template-columns: 1fr 1fr; gap: 6px; margin-top: 4px; }
.choices label {
  display: flex; align-items: center; gap: 6px; font-weight: 500; min-height: 32px;
  border: 1px solid var(--line); border-radius: 6px; padding: 4px 8px; cursor: pointer;
}
.choices label:has(input:checked) { border-color: var(--accent); background: #e8f3fa; }
input[type=range] { width: 100%; min-height: 28px; accent-color: var(--accent); }
select { font: inherit; padding: 4px 6px; min-height: 32px; }
:focus-visible { outline: 3px solid #e69f00; outline-offset: 2px; }
.main { display: flex; flex-direction: column; gap: 12px; min-width: 0; }
.status:empty { display: none; }
.status { margin: 0; font-weight: 600; }
.main[aria-busy="true"] .plot-panel { opacity: 0.6; transition: opacity 0.2s; }
.panels { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
@container (max-width: 1100px) { .panels { grid-template-columns: 1fr; } }
.plot-panel { padding: 6px; }
.plot { position: relative; width: 100%; aspect-ratio: 4 / 3; height: var(--rx-plot-height); }
:host([height]) .plot { aspect-ratio: auto; }
[data-off] { display: none !important; }
[data-locked] legend::after, [data-locked] .row label::after { content: ' (locked)'; font-weight: 400; }
.app.no-controls { grid-template-columns: 1fr; }
.app.no-controls .controls { display: none; }
/* The stage: the λ control with the panels it moves, in view while they scroll. */
.stage { position: sticky; top: 0; z-index: 3; display: flex; flex-direction: column; gap: 4px;
  background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; }
.stage:not(:has(> :not([hidden], [data-off], .sweep-note:empty))) { display: none; }
.stage .ends { display: flex; justify-content: space-between; color: var(--muted); font-size: 0.85em; }
@container (max-width: 760px) { .controls { order: 2; } }
.share-box summary, .export-box summary { cursor: pointer; font-weight: 600; min-height: 28px; }
.share-box[open], .export-box[open] { display: flex; flex-direction: column; gap: 8px; }
.lesson th, .lesson td { text-align: left; font-weight: 500; }
.lesson input, .check input { width: 22px; height: 22px; margin: 0; }
.lesson caption { text-align: left; font-weight: 600; padding: 4px 0; }
.app[data-theme="dark"] {
  --ink: #e6e8eb; --muted: #a8b0b9; --line: #3e4248; --panel: #1c1e21; --back: #121416;
  --accent: #56b4e9; --warn: #f0a060;
  color-scheme: dark; color: var(--ink); background: var(--back);
}
.app[data-theme="dark"] button { background: #2a2d31; color: var(--ink); }
.app[data-theme="dark"] .choices label:has(input:checked) { background: #17354a; }
.app[data-theme="presenter"] { font-size: 22px; }
.app[data-theme="presenter"] h2 { font-size: 1.6em; }
.app[data-theme="presenter"] button, .app[data-theme="presenter"] select,
.app[data-theme="presenter"] .choices label { min-height: 48px; font-size: 22px; }
.app[data-theme="presenter"] input[type=range] { min-height: 48px; }
.app[data-theme="presenter"] input[type=checkbox], .app[data-theme="presenter"] input[type=radio] { width: 24px; height: 24px; }
/* Presenter: two panels side by side (keys 5–8 choose them), short enough that the λ control
   and both fit a 1280×720 projector. */
.app[data-theme="presenter"] { grid-template-columns: minmax(0, 1fr); }
.app[data-theme="presenter"] .controls { order: 2; }
.app[data-theme="presenter"] .panels { grid-template-columns: 1fr 1fr; }
:host(:not([height])) .app[data-theme="presenter"] .plot { aspect-ratio: auto; height: min(calc((100cqw - 40px) * 0.36), calc(100vh - 310px)); min-height: 240px; }
.app[data-theme="presenter"] .caption { min-height: 0; font-size: 0.8em; }
.app[data-theme="presenter"] .stage .ends { font-size: 0.7em; }
.app[data-theme="presenter"] { --accent: #005a8c; }
.paths canvas, .errors canvas { cursor: crosshair; touch-action: none; }
.checks { display: flex; flex-wrap: wrap; gap: 4px 12px; }
.check { font-weight: 500; display: inline-flex; align-items: center; gap: 6px; min-height: 28px; }
.buttons { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-start; }
button { white-space: nowrap; font: inherit; min-height: 32px; padding: 4px 10px; border: 1px solid var(--line); border-radius: 6px; background: #fff; cursor: pointer; }
button:disabled { opacity: 0.5; cursor: default; }
.pair { display: flex; gap: 8px; }
.pair select { flex: 1; min-width: 0; }
.label { font-weight: 600; }
.data-box summary { cursor: pointer; font-weight: 600; min-height: 28px; }
.data-box[open] { display: flex; flex-direction: column; gap: 8px; }
textarea { font: 14px/1.4 ui-monospace, Menlo, Consolas, monospace; width: 100%; resize: vertical; padding: 6px; }
.file input { display: block; max-width: 100%; margin-top: 4px; font: inherit; }
.file { font-weight: 500; }
.overrides { display: flex; flex-wrap: wrap; gap: 6px; }
.overrides select { flex: 1 1 auto; }
.detected { margin: 0; color: var(--muted); }
.load-errors { margin: 0; padding-left: 1.2em; color: var(--warn); }
.load-errors:empty { display: none; }
.load-errors .warning { color: var(--muted); }
.pair > .field { flex: 1; min-width: 0; }
.features { max-height: 9em; overflow-y: auto; }
.points-box summary { cursor: pointer; font-weight: 600; min-height: 28px; }
.points-box table { font-size: 0.9em; }
.points-box table { table-layout: fixed; }
.points-box input { width: 100%; min-width: 0; font: inherit; }
.points-box th:first-child, .points-box td:first-child { width: 2.5em; }
.points-box th:last-child, .points-box td:last-child { width: 3em; }
.controls, .main, .controls > * { min-width: 0; }
.controls table { table-layout: fixed; }
th, td { overflow-wrap: anywhere; }
.lesson th:not(:first-child), .lesson td { width: 4.5em; }
.points-box td, .points-box th { padding: 2px 4px; }
.hint { margin: 4px 0; color: var(--muted); font-size: 0.9em; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
.fit canvas { cursor: crosshair; touch-action: none; }
.plot canvas { position: absolute; inset: 0; width: 100%; height: 100%; display: block; }
.objective { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.95em; overflow-wrap: anywhere; }
.summary { color: var(--muted); font-variant-numeric: tabular-nums; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; font-size: 0.95em; }
th, td { text-align: right; padding: 2px 8px; border-bottom: 1px solid var(--line); }
th:first-child, td:first-child { text-align: left; }
td.zero { color: var(--muted); }
.notices { color: var(--warn); margin: 0; padding-left: 1.2em; }
.notices:empty { display: none; }
.fatal { color: var(--warn); font-weight: 600; padding: 12px; }
.crashed { position: absolute; inset: 12px auto auto 12px; max-width: 36em; background: var(--panel); color: var(--ink);
  border: 2px solid var(--warn); border-radius: 8px; box-shadow: 0 4px 24px rgba(0, 0, 0, 0.25); z-index: 10; }
.crashed p { margin: 0 0 8px; }
[hidden] { display: none !important; }
.toolbar { display: flex; flex-wrap: wrap; gap: 6px; margin-left: auto; order: 2; }
.tool[aria-pressed="true"] { border-color: var(--accent); background: #e8f3fa; }
.explanation { margin: 0; font-size: 1.05em; }
.sweep-note:empty { display: none; }
.sweep-note { margin: 0; font-weight: 700; color: var(--warn); }
.lesson-bar { display: flex; flex-direction: column; gap: 6px; border-color: var(--accent); }
.lesson-bar h3 { margin: 0; font-size: 1.05em; }
.lesson-bar .row { display: flex; gap: 12px; align-items: baseline; justify-content: space-between; }
.lesson-bar .count { color: var(--muted); }
.lesson-bar p { margin: 0; }
.lesson-bar .prompt { font-weight: 600; }
.lesson-bar .answer { border-left: 4px solid var(--accent); padding-left: 8px; }
.data-table h3 { margin: 0 0 6px; font-size: 1em; }
.data-table .scroll { max-height: 24em; overflow: auto; }
dialog.keys { max-width: 40em; border: 1px solid var(--line); border-radius: 8px; color: var(--ink); background: var(--panel); }
dialog.keys th { text-align: left; padding-right: 16px; white-space: nowrap; }
dialog.keys td { text-align: left; }
kbd { font: 0.95em ui-monospace, Menlo, Consolas, monospace; }
:host(:fullscreen) { overflow: auto; background: var(--back); }
.app[data-theme="dark"] .tool[aria-pressed="true"] { background: #17354a; }
`;

