// Formulas kept in a var or a param default: read there, named after the pool that uses them.
@description('The formula of the render pool.')
var renderFormula = '$TargetDedicatedNodes = ${maxNodes};'

param maxNodes int = 8

@description('Overridable at deployment; the default is what is checked.')
param encodeFormula string = '''
$TargetLowPriorityNodes = 3;
'''

var typed string = '$TargetDedicatedNodes = 5;'
var alias = typed

resource render 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  properties: {
    scaleSettings: {
      autoScale: {
        formula: renderFormula
      }
    }
  }
}

resource encode 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  properties: {
    scaleSettings: {
      autoScale: {
        formula: encodeFormula
      }
    }
  }
}

var aliasSettings = {
  autoScale: {
    formula: alias
  }
}

resource viaAlias 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  properties: {
    scaleSettings: aliasSettings
  }
}
