#!/usr/bin/env bash
# Registers the next revision of a task family with a new image and prints its ARN.
# The revision starts from the family's latest one, which Terraform keeps current, so
# configuration changed in Terraform ships with the next deploy.
#   register-task-definition.sh FAMILY IMAGE
set -euo pipefail

family=$1
image=$2

aws ecs describe-task-definition --task-definition "$family" --query taskDefinition --output json |
  jq --arg image "$image" '
    .containerDefinitions |= map(.image = $image)
    | del(.taskDefinitionArn, .revision, .status, .requiresAttributes, .compatibilities,
          .registeredAt, .registeredBy, .deregisteredAt)' >"$RUNNER_TEMP/$family.json"

aws ecs register-task-definition --cli-input-json "file://$RUNNER_TEMP/$family.json" \
  --query taskDefinition.taskDefinitionArn --output text
