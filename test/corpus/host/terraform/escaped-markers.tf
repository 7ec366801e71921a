resource "azurerm_batch_pool" "markers" {
  auto_scale {
    formula = "$note = \"$${not_interpolated} %%{not_a_directive}\"; $cost = \"$5 $$ 100%\";"
  }
}

resource "azurerm_batch_pool" "heredoc_markers" {
  auto_scale {
    formula = <<EOF
$$${literal} \n stays ${var.real}
EOF
  }
}
