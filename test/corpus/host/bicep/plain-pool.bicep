// A pool whose formula is one single-quoted string, beside the account it belongs to.
param location string = resourceGroup().location

resource account 'Microsoft.Batch/batchAccounts@2024-07-01' = {
  name: 'acct${uniqueString(resourceGroup().id)}'
  location: location
}

resource workers 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  parent: account
  name: 'workers'
  properties: {
    vmSize: 'STANDARD_D2S_V3'
    scaleSettings: {
      autoScale: {
        evaluationInterval: 'PT5M'
        formula: '$TargetDedicatedNodes = min(10, $PendingTasks.GetSample(1));'
      }
    }
  }
}
