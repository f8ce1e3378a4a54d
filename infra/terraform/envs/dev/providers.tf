provider "aws" {
  region = var.region

  default_tags {
    tags = {
      Project     = "revolv"
      Environment = "dev"
      ManagedBy   = "terraform"
    }
  }
}
