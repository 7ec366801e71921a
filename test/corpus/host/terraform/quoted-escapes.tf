# A quoted formula: each escape is one formula character from two (or six) host characters.
resource "azurerm_batch_pool" "escapes" {
  name                = "escapes"
  resource_group_name = "rg"
  vm_size             = "Standard_D2s_v3"

  auto_scale {
    evaluation_interval = "PT15M"
    formula             = "$start = time(\"2026-01-05T10:00:00Z\");\n$TargetDedicatedNodes = 2;\t// \\ \u0041"
  }
}
