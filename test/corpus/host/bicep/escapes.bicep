// Backslash escapes in single-quoted formulas: each is one formula character (two for an emoji).
resource escaped 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  properties: {
    scaleSettings: {
      autoScale: {
        formula: '$TargetDedicatedNodes = 1;\n// it\'s a C:\\path costing \$5, not \${interpolated}\n\t$NodeDeallocationOption = requeue;'
      }
    }
  }
}

resource unicode 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  properties: {
    scaleSettings: {
      autoScale: {
        formula: '$TargetDedicatedNodes = 1; // \u{1F642} \u{41}!'
      }
    }
  }
}

resource badEscape 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  properties: {
    scaleSettings: {
      autoScale: {
        formula: '$TargetDedicatedNodes = 1; // \q is no escape'
      }
    }
  }
}
