// SYNTAX TEST "source.bicep" "the formula of a formula: property, single-quoted and multi-line"
resource pool 'Microsoft.Batch/batchAccounts/pools@2024-07-01' = {
  properties: {
    formula: '$TargetDedicatedNodes = min(${maxNodes}, $PendingTasks.GetSample(1)); // it\'s\n$x = \'no\';'
//           ^ string.quoted.single.bicep punctuation.definition.string.begin.bicep
//            ^^^^^^^^^^^^^^^^^^^^^ meta.embedded.formula.autoscale variable.language.target.autoscale
//                                        ^^ punctuation.definition.template-expression.begin.bicep
//                                          ^^^^^^^^ meta.template.expression.bicep variable.other.readwrite.bicep
//                                                     ^^^^^^^^^^^^^ variable.language.metric.autoscale
//                                                                                  ^^^^^^^^ comment.line.double-slash.autoscale
//                                                                                          ^^ constant.character.escape.bicep
//                                                                                                 ^^ constant.character.escape.bicep
//                                                                                                        ^ punctuation.definition.string.end.bicep
    formula: '''
//           ^ punctuation.definition.string.begin.bicep
      $TargetLowPriorityNodes = 2; // comment
//    ^^^^^^^^^^^^^^^^^^^^^^^ meta.embedded.formula.autoscale variable.language.target.autoscale
//                                 ^^^^^^^^^^ comment.line.double-slash.autoscale
'''
// <--- punctuation.definition.string.end.bicep
    description: '$TargetDedicatedNodes = 1;'
//               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ string.quoted.single.bicep - meta.embedded.formula.autoscale
    // formula: '$x'
//  ^^^^^^^^^^^^^^^^ comment.line.double-slash.bicep - meta.embedded.formula.autoscale
  }
}
