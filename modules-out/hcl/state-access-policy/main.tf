locals {
  dns_suffix = { "aws" = "amazonaws.com", "aws-cn" = "amazonaws.com.cn", "aws-us-gov" = "amazonaws.com" }[
    var.partition
  ]
}
