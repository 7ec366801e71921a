// Pools declared in a loop, behind a condition, and in a loop with a condition.
param poolNames array = ['a', 'b']
param deployNightly bool = true

resource loopPools 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = [for (name, i) in poolNames: {
  name: name
  properties: {
    scaleSettings: {
      autoScale: {
        formula: '$TargetDedicatedNodes = ${i + 1};'
      }
    }
  }
}]

resource nightly 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = if (deployNightly) {
  name: 'nightly'
  properties: {
    scaleSettings: {
      autoScale: {
        formula: '$TargetDedicatedNodes = 1;'
      }
    }
  }
}

resource filtered 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = [for name in poolNames: if (name != 'b') {
  name: name
  properties: {
    scaleSettings: {
      autoScale: {
        formula: '$TargetLowPriorityNodes = 2;'
      }
    }
  }
}]
