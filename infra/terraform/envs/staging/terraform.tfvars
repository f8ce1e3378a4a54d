# Non-secret settings of staging. Replace the example names and ARNs with your own; secrets
# never go here (see modules/secrets).
region                 = "eu-west-1"
app_domain_name        = "staging.revolv.example"
origin_domain_name     = "origin-staging.revolv.example"
origin_certificate_arn = "arn:aws:acm:eu-west-1:000000000000:certificate/replace-me-staging-origin"
cdn_certificate_arn    = "arn:aws:acm:us-east-1:000000000000:certificate/replace-me-staging-cdn"
github_repository      = "revolv/device-manager"
alarm_emails           = ["oncall@revolv.example"]
backup_bucket_name     = "revolv-staging-backups"
