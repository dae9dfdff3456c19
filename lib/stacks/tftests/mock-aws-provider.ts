/**
 * The header of every provider module's `terraform test` file: a mocked AWS provider (no account,
 * no credentials) whose caller identity, region and partition are the examples' values.
 */
export const MOCK_AWS_PROVIDER = String.raw`# Needs the hashicorp/aws provider (downloaded by terraform init), not an AWS account:
# the provider is mocked. Run: terraform init && terraform test
mock_provider "aws" {
  mock_data "aws_caller_identity" {
    defaults = {
      account_id = "123456789012"
    }
  }
  mock_data "aws_region" {
    defaults = {
      id = "eu-west-1"
    }
  }
  mock_data "aws_partition" {
    defaults = {
      partition  = "aws"
      dns_suffix = "amazonaws.com"
    }
  }
}
`;
