package scv.test.rules.environments.shared_integration

import data.scv.rules.environments.shared_integration as rule
import data.scv.test.fixtures as fx
import rego.v1

assistant := "arn:aws:wisdom:us-east-1:111111111111:assistant/a-1"

integration(type, a) := {"type": type, "sourceType": null, "arn": a}

instance(id, environment, integrations) := object.union(fx.instance("111111111111", id, environment), {"integrations": integrations})

inv(instances) := fx.inventory([], [fx.account_with("111111111111", "prod", instances, [], [])])

test_assistant_shared_by_prod_and_uat_fires if {
	findings := rule.deny with input as inv([instance("i-1", "prod", [integration("WISDOM_ASSISTANT", assistant)]), instance("i-2", "uat", [integration("WISDOM_ASSISTANT", assistant)])])
	count(findings) == 1
	some f in findings
	f.resource == {"type": "connect-integration", "id": assistant}
	count(f.related) == 2
	fx.mentions(f.msg, "shared by Amazon Connect instances in 2 environments")
}

test_customer_profiles_by_arn_service_fires if {
	domain := "arn:aws:profile:us-east-1:111111111111:domains/acme"
	count(rule.deny) == 1 with input as inv([instance("i-1", "prod", [integration("OTHER", domain)]), instance("i-2", "dev", [integration("OTHER", domain)])])
}

test_same_environment_passes if {
	count(rule.deny) == 0 with input as inv([instance("i-1", "uat", [integration("CASES_DOMAIN", "arn:aws:cases:us-east-1:111111111111:domain/d")]), instance("i-2", "uat", [integration("CASES_DOMAIN", "arn:aws:cases:us-east-1:111111111111:domain/d")])])
}

test_event_integrations_are_left_out if {
	events := "arn:aws:app-integrations:us-east-1:111111111111:event-integration/salesforce"
	count(rule.deny) == 0 with input as inv([instance("i-1", "prod", [integration("EVENT", events)]), instance("i-2", "uat", [integration("EVENT", events)])])
}

# An integration association of a template whose instance is a parameter lands in the placeholder
# instance: compared by the environment it deploys to, never named by its stand-in id.
test_placeholder_instance_is_not_named if {
	placeholder := object.union(fx.placeholder_instance("uat"), {"integrations": [integration("WISDOM_ASSISTANT", assistant)]})
	findings := rule.deny with input as fx.inventory([], [fx.account_with("111111111111", "prod", [instance("i-1", "prod", [integration("WISDOM_ASSISTANT", assistant)])], [], []), fx.placeholder_account("uat", [placeholder])])
	count(findings) == 1
	some f in findings
	fx.mentions(f.msg, "instance arn:aws:connect:us-east-1:111111111111:instance/i-1 in prod, the instance the scanned files deploy to (not known before deployment) in uat")
	not contains(f.msg, "flow-export-")
}
