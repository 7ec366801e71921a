resource "azurerm_batch_pool" "indented" {
  auto_scale {
    formula = <<-FORMULA
      $busy = $ActiveTasks.GetSample(1);

        $extra = $busy > 10 ? 2 : 0;
   
      $TargetDedicatedNodes = 1 + $extra;
    FORMULA
  }
}

# A line that starts with an interpolation has no indentation, so nothing is removed (HCL's rule).
resource "azurerm_batch_pool" "interpolation_first" {
  auto_scale {
    formula = <<-EOT
    $a = 1;
${var.rest}
    EOT
  }
}
