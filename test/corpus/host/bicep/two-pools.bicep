// Two pools with formulas in one file, each named by its symbolic name; a fixed-scale pool has none.
resource account 'Microsoft.Batch/batchAccounts@2024-07-01' existing = {
  name: 'acct'
}

resource render 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  parent: account
  name: 'render'
  properties: {
    scaleSettings: {
      autoScale: {
        formula: '$TargetDedicatedNodes = 4;'
      }
    }
  }
}

resource fixed 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  parent: account
  name: 'fixed'
  properties: {
    scaleSettings: {
      fixedScale: {
        targetDedicatedNodes: 2
      }
    }
  }
}

resource encode 'Microsoft.Batch/batchAccounts/Pools@2023-05-01' = {
  parent: account
  properties: { scaleSettings: { autoScale: { formula: '$TargetLowPriorityNodes = 2;', evaluationInterval: 'PT5M' } } }
}
