bucket       = "revolv-terraform-state"
key          = "staging/terraform.tfstate"
region       = "eu-west-1"
encrypt      = true
use_lockfile = true
