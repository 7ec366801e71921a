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

/**
 * A Bicep pool whose formula has one mistake, `$PendingTask` on the line after an escaped line
 * break: the squiggle must sit there in the Bicep file, not at the formula's own line and column.
 */
export const BICEP_WITH_MISTAKE = [
  "resource pool 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {",
  "  name: 'render'",
  '  properties: {',
  '    scaleSettings: {',
  '      autoScale: {',
  "        evaluationInterval: 'PT5M'",
  "        formula: '$tasks = max(0, $PendingTasks.GetSample(1));\\n$TargetDedicatedNodes = min(10, $PendingTask);'",
  '      }',
  '    }',
  '  }',
  '}',
  '',
].join('\n');
/** The misspelt name in it, and the built-in hovered there. */
export const BICEP_MISTAKE = '$PendingTask)';

/** Pool JSON whose formula the injection grammar colours inside the JSON string. */
export const POOL_JSON = `${JSON.stringify(
  {
    id: 'render',
    enableAutoScale: true,
    autoScaleFormula: '$TargetDedicatedNodes = min(4, $PendingTasks.GetSample(1));',
  },
  null,
  2,
)}\n`;
