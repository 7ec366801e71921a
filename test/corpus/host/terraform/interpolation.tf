locals {
  caps = { "x}" = 4 }
}

resource "azurerm_batch_pool" "interpolated" {
  auto_scale {
    formula = "$max = ${var.max_nodes}; $cap = ${lookup(local.caps, "x}", 3)}; $TargetDedicatedNodes = min($max, $cap);"
  }
}

resource "azurerm_batch_pool" "braces_and_strips" {
  auto_scale {
    formula = <<-EOT
      $n = ${ merge({ a = { b = 1 } }, {})["a"].b };
      $m = 1 +    ${~ var.more ~}    ;
    EOT
  }
}
