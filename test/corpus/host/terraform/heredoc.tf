resource "azurerm_batch_pool" "plain_heredoc" {
  name = "plain"

  auto_scale {
    evaluation_interval = "PT5M"
    formula             = <<EOF
$samples = $PendingTasks.GetSamplePercent(TimeInterval_Minute * 15);
  $tasks = $samples < 70 ? 1 : avg($PendingTasks.GetSample(TimeInterval_Minute * 15));
$TargetDedicatedNodes = min(20, $tasks); // "quotes" and \backslashes\n stay as written
  EOF
  }
}
