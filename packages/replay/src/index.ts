// Public API of @autoscale/replay (being built).
export {};
