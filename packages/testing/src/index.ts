// Public API of @autoscale/testing (being built).
export {};
