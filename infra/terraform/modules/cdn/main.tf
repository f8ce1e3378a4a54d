# CloudFront in front of the load balancer. Next.js's hashed build assets (/_next/static/*)
# are immutable, so they are cached at the edge for as long as CloudFront allows; every other
# path (pages, tRPC, REST, auth, health) goes to the origin uncached with its cookies, query
# string and headers, since those answers depend on who asks. The cache policy keys assets on
# the viewer's Accept-Encoding (br, gzip), and the origin answers Brotli clients with the copies
# `pnpm build` compressed at the highest quality (apps/web/src/server/brotli-assets), which
# CloudFront keeps as they are rather than compressing again.

locals {
  origin_id = "alb"
  # AWS managed policies (stable ids documented by CloudFront).
  caching_optimized_policy_id      = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  caching_disabled_policy_id       = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
  all_viewer_except_host_policy_id = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
}

resource "aws_cloudfront_distribution" "this" {
  enabled         = true
  is_ipv6_enabled = true
  comment         = var.name
  aliases         = var.aliases
  price_class     = var.price_class
  http_version    = "http2and3"

  origin {
    origin_id   = local.origin_id
    domain_name = var.origin_domain_name

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }
  }

  ordered_cache_behavior {
    path_pattern           = "/_next/static/*"
    target_origin_id       = local.origin_id
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    compress               = true
    cache_policy_id        = local.caching_optimized_policy_id
  }

  default_cache_behavior {
    target_origin_id         = local.origin_id
    viewer_protocol_policy   = "redirect-to-https"
    allowed_methods          = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]
    cached_methods           = ["GET", "HEAD"]
    compress                 = true
    cache_policy_id          = local.caching_disabled_policy_id
    origin_request_policy_id = local.all_viewer_except_host_policy_id
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = var.certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}
