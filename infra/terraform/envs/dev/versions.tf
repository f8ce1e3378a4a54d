terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }

  # Partial configuration: the bucket, key and region are in backend.hcl, so the same
  # code can never write another environment's state.
  #   terraform init -backend-config=backend.hcl
  backend "s3" {}
}
