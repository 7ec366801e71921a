// A formula kept in its own file: the reader says which file, directly or through a var.
resource fromFile 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  properties: {
    scaleSettings: {
      autoScale: {
        formula: loadTextContent('formulas/render.autoscale')
      }
    }
  }
}

var loaded = loadTextContent('formulas/encode.autoscale', 'utf-8')

resource viaVar 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  properties: {
    scaleSettings: {
      autoScale: {
        formula: loaded
      }
    }
  }
}
