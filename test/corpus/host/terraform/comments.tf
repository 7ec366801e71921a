# resource "azurerm_batch_pool" "ghost" { auto_scale { formula = "# not me" } }
// } } } a closing brace in a comment closes nothing
/*
resource "azurerm_batch_pool" "ghost2" {
  auto_scale {
    formula = "$TargetDedicatedNodes = 99;"
  }
{ unbalanced in a comment
*/
resource "azurerm_batch_pool" "commented" { # auto_scale { formula = "no" }
  auto_scale { // {
    /* formula = "not this one" */
    formula = "$TargetDedicatedNodes = 2; // # and /* stay in the string */" # }
  } /* } */
}
