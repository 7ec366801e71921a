// $''' strings interpolate ${...}; in a $$''' string only $${...} does, and ${...} is text.
param maxNodes int = 6

resource interpolatedBlock 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  properties: {
    scaleSettings: {
      autoScale: {
        formula: $'''
$cap = ${maxNodes};
$TargetDedicatedNodes = min($cap, $PendingTasks.GetSample(1));
'''
      }
    }
  }
}

resource doubleDollar 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  properties: {
    scaleSettings: {
      autoScale: {
        formula: $$'''
// ${literal} stays text
$TargetDedicatedNodes = $${maxNodes};
'''
      }
    }
  }
}
