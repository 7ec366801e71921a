// A body whose braces are never closed, and a stray bracket: each reported; what can be read is.
resource open 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  properties: {
    scaleSettings: {
      autoScale: {
        formula: '$TargetDedicatedNodes = 1;'
      }
    }

resource next 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  name: 'next'
}
]
