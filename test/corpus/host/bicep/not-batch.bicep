// Nothing here is a pool formula to check: another resource type with the same property path,
// an existing pool (this file does not deploy it), a module's parameter, an account property.
resource plan 'Microsoft.Web/serverfarms@2023-01-01' = {
  name: 'plan'
  properties: {
    scaleSettings: {
      autoScale: {
        formula: '$TargetDedicatedNodes = 1;'
      }
    }
  }
}

resource existingPool 'Microsoft.Batch/batchAccounts/pools@2024-07-01' existing = {
  name: 'acct/existing'
}

module pools 'pools.bicep' = {
  name: 'pools'
  params: {
    formula: '$TargetDedicatedNodes = 2;'
  }
}

resource account 'Microsoft.Batch/batchAccounts@2024-07-01' = {
  name: 'acct'
  properties: {
    formula: 'an account property, not a pool'
  }
}

resource fixedPool 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  name: 'acct/fixed'
  properties: {
    vmSize: 'STANDARD_D2S_V3'
  }
}
