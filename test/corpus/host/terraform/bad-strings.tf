resource "azurerm_batch_pool" "bad_escape" {
  auto_scale {
    formula = "$a = 1;\q$b = 2;"
  }
}

resource "azurerm_batch_pool" "unclosed" {
  auto_scale {
    formula = "$TargetDedicatedNodes = 1;
  }
}
}
