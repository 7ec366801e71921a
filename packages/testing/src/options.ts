// Entry `@autoscale/testing/options`: the choices a test run offers, without the runner. Cheap to
// import (the `autoscale` CLI's option parsing does, at start-up); the main entry exports the same.

/** The reporters runSuite can print with. */
export const REPORTERS = ['text', 'json', 'junit'] as const;
export type ReporterName = (typeof REPORTERS)[number];
