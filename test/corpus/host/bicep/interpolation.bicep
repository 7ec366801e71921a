// Interpolations ${...} become placeholders named by their expression; a $ without { is text.
param maxNodes int = 10
param settings object

resource interpolated 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  properties: {
    scaleSettings: {
      autoScale: {
        formula: '$cap = ${maxNodes}; $TargetDedicatedNodes = min($cap, ${ settings.max }) + ${contains(settings.tags, '}') ? 1 : 0} + ${ {a: {b: 2}}.a.b };'
      }
    }
  }
}

resource nested 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  properties: {
    scaleSettings: {
      autoScale: {
        formula: '$TargetDedicatedNodes = ${empty('${maxNodes}') ? 1 : maxNodes};'
      }
    }
  }
}
