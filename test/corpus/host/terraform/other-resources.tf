resource "azurerm_batch_account" "account" {
  auto_scale {
    formula = "$TargetDedicatedNodes = 7;"
  }
}

data "azurerm_batch_pool" "existing" {
  auto_scale {
    formula = "$TargetDedicatedNodes = 8;"
  }
}

module "pool" {
  source = "./modules/pool"
  auto_scale {
    formula = "$TargetDedicatedNodes = 9;"
  }
}

resource "azurerm_batch_pool" "real" {
  start_task {
    auto_scale {
      formula = "$TargetDedicatedNodes = 10;"
    }
  }
}

resource azurerm_batch_pool one_line { auto_scale { formula = "$TargetDedicatedNodes = 1;" } }
