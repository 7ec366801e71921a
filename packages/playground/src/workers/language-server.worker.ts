// The playground's language-server worker: exactly the server `autoscale lsp` runs, on the
// worker's postMessage instead of stdio (see @autoscale/lsp-server/browser-main).

import '@autoscale/lsp-server/browser-main';
