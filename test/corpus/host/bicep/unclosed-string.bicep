// A string never closed on its line: reported where it starts; the next pool is still read.
resource broken 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  properties: {
    scaleSettings: {
      autoScale: {
        formula: '$TargetDedicatedNodes = 1;
      }
    }
  }
}

resource fine 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  properties: {
    scaleSettings: {
      autoScale: {
        formula: '$TargetDedicatedNodes = 2;'
      }
    }
  }
}

var tail = '''
never closed
