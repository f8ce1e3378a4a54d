# The AWS IoT policy every device certificate carries. It is written out here (no provider)
# so that `terraform validate` and `terraform test` check it offline.
#
# Each device connects as its own thing and nothing else: the client id must be the thing
# name (as the embedded broker demands: a free client id would let any device take over
# another's connection), and it publishes and subscribes only under devices/<its thing>/.
# `$${…}` keeps Terraform from interpolating IoT's own policy variable.

locals {
  arn_prefix = "arn:aws:iot:${var.region}:${var.account_id}"

  document = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Action": "iot:Connect",
          "Resource": "${local.arn_prefix}:client/$${iot:Connection.Thing.ThingName}",
          "Condition": { "Bool": { "iot:Connection.Thing.IsAttached": "true" } }
        },
        {
          "Effect": "Allow",
          "Action": "iot:Publish",
          "Resource": "${local.arn_prefix}:topic/${var.topic_root}/$${iot:Connection.Thing.ThingName}/*"
        },
        {
          "Effect": "Allow",
          "Action": "iot:Subscribe",
          "Resource": "${local.arn_prefix}:topicfilter/${var.topic_root}/$${iot:Connection.Thing.ThingName}/*"
        },
        {
          "Effect": "Allow",
          "Action": "iot:Receive",
          "Resource": "${local.arn_prefix}:topic/${var.topic_root}/$${iot:Connection.Thing.ThingName}/*"
        }
      ]
    }
  JSON
}
