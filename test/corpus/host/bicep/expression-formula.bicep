// Formulas the reader cannot take as text: each is a problem where the value is.
param maxNodes int = 4
param noDefault string

resource computed 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  properties: {
    scaleSettings: {
      autoScale: {
        formula: concat('$TargetDedicatedNodes = ', string(maxNodes), ';')
      }
    }
  }
}

resource conditional 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  properties: {
    scaleSettings: {
      autoScale: {
        formula: maxNodes > 2 ? '$TargetDedicatedNodes = 2;' : '$TargetDedicatedNodes = 1;'
      }
    }
  }
}

resource undeclared 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  properties: {
    scaleSettings: {
      autoScale: {
        formula: importedFormula
      }
    }
  }
}

resource fromParam 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  properties: {
    scaleSettings: {
      autoScale: {
        formula: noDefault
      }
    }
  }
}

resource noFormula 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  properties: {
    scaleSettings: {
      autoScale: {
        evaluationInterval: 'PT5M'
      }
    }
  }
}

resource settingsCall 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  properties: {
    scaleSettings: {
      autoScale: union(baseSettings, { evaluationInterval: 'PT5M' })
    }
  }
}
