resource "azurerm_batch_pool" "small" {
  name = "small"
  auto_scale {
    formula = "$TargetDedicatedNodes = 1;"
  }
}

resource "azurerm_batch_pool" "large" {
  name = "large"

  # The provider's own blocks around auto_scale do not matter.
  start_task {
    command_line = "echo {"
  }

  auto_scale {
    evaluation_interval = "PT5M"
    formula = <<EOF
$TargetLowPriorityNodes = 10;
EOF
  }
}
