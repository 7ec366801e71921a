/* A block comment holding a decoy pool:
resource decoy 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  properties: { scaleSettings: { autoScale: { formula: 'commented out' } } }
}
*/
// formula: 'not this either' { don't
resource commented 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = { // opens the body }
  properties: { /* } */
    // scaleSettings: { autoScale: { formula: 'a decoy' } }
    scaleSettings: { // {{
      autoScale: {
        /* formula: 'another decoy' */ formula: '$TargetDedicatedNodes = 3; // a formula comment' // } trailing
      }
    }
  }
}
