resource "azurerm_batch_pool" "fine" {
  auto_scale {
    formula = "$TargetDedicatedNodes = 1;"
  }
}

resource "azurerm_batch_pool" "broken" {
  auto_scale {
    formula = <<EOF
$TargetDedicatedNodes = 2;
  EOT
  }
}
