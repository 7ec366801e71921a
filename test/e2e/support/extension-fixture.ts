// The formula the extension's end-to-end tests and README screenshots open, and what evaluating it
// with the default context prints, so every host (Node, web worker) is checked against the same text.

/** One error (an undefined name, AS2001) and one warning (AS4002: only the last sample is read). */
export const FORMULA_WITH_MISTAKES = [
  '// A formula with a mistake: $PendingTask is misspelt.',
  '$tasks = max(0, $PendingTasks.GetSample(1));',
  '$TargetDedicatedNodes = min(10, $PendingTask);',
  '$NodeDeallocationOption = taskcompletion;',
  '',
].join('\n');

/** The service's results string for it: the misspelt name fails, so the pool's targets stay as they were. */
export const EVALUATED_RESULTS =
  'results: $TargetDedicatedNodes=0;$TargetLowPriorityNodes=0;$NodeDeallocationOption=requeue';
/** ...and the service's error, exactly as the service words it. */
export const EVALUATED_ERROR = 'Undefined symbol: $PendingTask';

/** Workbench settings for quiet, comparable pages and screenshots. */
export const WORKBENCH_SETTINGS = {
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'workbench.colorTheme': 'Default Light Modern',
};
