variable "autoscale_formula" {
  type        = string
  description = "The pool's autoscale formula"
  default     = <<-EOT
    $TargetDedicatedNodes = max(0, $PendingTasks.GetSample(1));
  EOT
}

variable "from_outside" {
  type = string
}

locals {
  formula = "$TargetDedicatedNodes = 3;"
  alias   = local.formula
}

resource "azurerm_batch_pool" "from_variable" {
  auto_scale {
    formula = var.autoscale_formula
  }
}

resource "azurerm_batch_pool" "from_local" {
  auto_scale {
    formula = local.alias
  }
}

resource "azurerm_batch_pool" "from_outside" {
  auto_scale {
    formula = var.from_outside
  }
}

resource "azurerm_batch_pool" "undeclared" {
  auto_scale {
    formula = var.nowhere
  }
}
