resource "azurerm_batch_pool" "directive" {
  auto_scale {
    formula = <<-EOT
      %{ if var.big }
      $TargetDedicatedNodes = 10;
      %{ else }
      $TargetDedicatedNodes = 1;
      %{ endif }
    EOT
  }
}

resource "azurerm_batch_pool" "unaffected" {
  auto_scale {
    formula = "$TargetDedicatedNodes = 3;"
  }
}
