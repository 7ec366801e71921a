// Public API of @autoscale/language-service (being built).
export {};
