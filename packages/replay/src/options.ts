// Entry `@autoscale/replay/options`: what a replay can be asked, as a command line or a form
// offers it, without the engine: the recording formats, the evaluation-interval limits with
// their check, and the check of a currency code. Cheap to import (the `autoscale` CLI's option
// parsing does, at start-up); the package's main entry exports the same.

export { RECORDING_FORMATS, type RecordingFormat } from './recording/model.ts';
export {
  MIN_EVALUATION_INTERVAL_MS,
  MAX_EVALUATION_INTERVAL_MS,
  DEFAULT_EVALUATION_INTERVAL_MS,
  DEFAULT_ALLOCATION_LATENCY_MS,
  checkEvaluationInterval,
} from './replay/schedule.ts';
export { checkCurrency } from './replay/currency.ts';
