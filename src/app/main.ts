// First: in a Web Worker, the page's script is a batch worker and stops there.
import './batch/batch-worker.ts';
import './signet-app.ts';
