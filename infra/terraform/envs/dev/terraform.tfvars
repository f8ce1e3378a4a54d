# Non-secret settings of dev. Replace the example names and ARNs with your own; secrets
# never go here (see modules/secrets).
region                 = "eu-west-1"
app_domain_name        = "dev.revolv.example"
origin_domain_name     = "origin-dev.revolv.example"
origin_certificate_arn = "arn:aws:acm:eu-west-1:000000000000:certificate/replace-me-dev-origin"
cdn_certificate_arn    = "arn:aws:acm:us-east-1:000000000000:certificate/replace-me-dev-cdn"
github_repository      = "revolv/device-manager"
alarm_emails           = ["oncall@revolv.example"]
backup_bucket_name     = "revolv-dev-backups"
