// First: in a Web Worker, the page's script is a batch worker and stops there.
import './batch/batch-worker.ts';
// Then the style sheets, so that their CSS sits together in the bundle: gzip finds the repeats
// within CSS, and the views' code and templates stay together too (test/e2e/size-budget.spec.ts).
import './styles/tokens.ts';
import './styles/shared.ts';
import './signet-app.styles.ts';
import './components/key-bar.styles.ts';
import './components/conditions-fields.styles.ts';
import './components/copy-button.styles.ts';
import './components/setup-view.styles.ts';
import './signet-app.ts';
