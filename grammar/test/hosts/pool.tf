# SYNTAX TEST "source.hcl.terraform" "the formula of an auto_scale formula attribute, quoted and heredoc"
resource "azurerm_batch_pool" "render" {
  auto_scale {
    formula             = "$TargetDedicatedNodes = min(${var.max_nodes}, 4); // up to $${x}\n$y = time(\"2024\");"
#   ^^^^^^^ variable.declaration.hcl
#                         ^ punctuation.definition.string.begin.hcl
#                          ^^^^^^^^^^^^^^^^^^^^^ meta.embedded.formula.autoscale variable.language.target.autoscale
#                                                      ^^ meta.interpolation.hcl keyword.other.interpolation.begin.hcl
#                                                        ^^^^^^^^^^^^^ meta.interpolation.hcl variable.other.readwrite.hcl
#                                                                            ^^^^^^^^^^^^^^ comment.line.double-slash.autoscale
#                                                                                          ^^ constant.character.escape.hcl
#                                                                                                      ^^^^^^^^ string.quoted.double.autoscale
#                                                                                                                ^ punctuation.definition.string.end.hcl
    formula = <<-EOF
#                ^^^ keyword.control.heredoc.hcl
      $TargetDedicatedNodes = $PendingTasks.GetSample(1) > 0 ? 1 : 0;
#     ^^^^^^^^^^^^^^^^^^^^^ meta.embedded.formula.autoscale variable.language.target.autoscale
#                                           ^^^^^^^^^ support.function.method.autoscale
    EOF
#   ^^^ keyword.control.heredoc.hcl
    name = "$TargetDedicatedNodes"
#          ^^^^^^^^^^^^^^^^^^^^^^^ string.quoted.double.hcl - meta.embedded.formula.autoscale
  }
}
