// A multi-line ''' formula: the newline right after the opening quotes is not part of it.
resource nightly 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  name: 'nightly'
  properties: {
    scaleSettings: {
      autoScale: {
        formula: '''
$hour = time().hour;
// a formula comment, with { and ' that mean nothing to Bicep here
$TargetDedicatedNodes = $hour < 6 ? 4 : 1;
'''
      }
    }
  }
}

resource sameLine 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  properties: {
    scaleSettings: {
      autoScale: {
        formula: '''$TargetDedicatedNodes = 2;
  $NodeDeallocationOption = taskcompletion;'''
      }
    }
  }
}
