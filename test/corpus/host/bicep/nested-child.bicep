// Pools declared as child resources inside their batch account, also inside an existing account.
resource account 'Microsoft.Batch/batchAccounts@2024-07-01' = {
  name: 'acct'
  location: resourceGroup().location

  resource child 'pools' = {
    name: 'child'
    properties: {
      scaleSettings: {
        autoScale: {
          formula: '$TargetDedicatedNodes = 2;'
        }
      }
    }
  }

  resource certificate 'certificates' = {
    name: 'sha1-0123'
    properties: {
      formula: 'not a pool'
    }
  }
}

resource shared 'Microsoft.Batch/batchAccounts@2024-07-01' existing = {
  name: 'shared'

  @description('A child type with its own API version.')
  resource versioned 'pools@2024-07-01' = {
    properties: {
      scaleSettings: {
        autoScale: {
          formula: '$TargetLowPriorityNodes = 1;'
        }
      }
    }
  }
}
