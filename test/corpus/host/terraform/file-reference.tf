resource "azurerm_batch_pool" "from_file" {
  auto_scale {
    formula = file("${path.module}/pool.autoscale")
  }
}

resource "azurerm_batch_pool" "from_template" {
  auto_scale {
    formula = templatefile("scale.tftpl", { max = 4 })
  }
}

resource "azurerm_batch_pool" "computed" {
  auto_scale {
    formula = join("\n", ["$a = 1;", "$TargetDedicatedNodes = $a;"])
  }
}

resource "azurerm_batch_pool" "number" {
  auto_scale {
    formula = 42
  }
}
