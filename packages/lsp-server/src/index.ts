// Public API of @autoscale/lsp-server (being built).
export {};
