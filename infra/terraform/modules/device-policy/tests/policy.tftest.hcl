variables {
  region     = "eu-west-1"
  account_id = "123456789012"
}

run "every_statement_is_scoped_to_the_connected_thing" {
  command = plan

  assert {
    condition = alltrue([
      for statement in jsondecode(output.json).Statement :
      strcontains(statement.Resource, "$${iot:Connection.Thing.ThingName}")
    ])
    error_message = "a statement of the device policy is not scoped by the thing name"
  }

  assert {
    condition = one([
      for statement in jsondecode(output.json).Statement : statement.Resource
      if statement.Action == "iot:Connect"
    ]) == "arn:aws:iot:eu-west-1:123456789012:client/$${iot:Connection.Thing.ThingName}"
    error_message = "iot:Connect must name the thing's own client id"
  }
}

run "refuses_a_malformed_account_id" {
  command = plan

  variables {
    account_id = "not-an-account"
  }

  expect_failures = [var.account_id]
}
