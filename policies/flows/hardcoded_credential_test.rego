package scv.test.rules.flows.hardcoded_credential

import data.scv.test.fixtures as fx
import data.scv.rules.flows.hardcoded_credential as rule
import rego.v1

flow(secrets) := {"id": "f-1", "arn": "arn:aws:connect:us-east-1:111111111111:instance/i-1/contact-flow/f-1", "name": "Payments", "type": "CONTACT_FLOW", "state": "ACTIVE", "references": [], "secrets": secrets}

inv(flows) := fx.inventory([], [fx.account_with("111111111111", "prod", [object.union(fx.instance("111111111111", "i-1", "prod"), {"flows": flows})], [], [])])

test_flow_without_secrets_passes if {
	count(rule.deny) == 0 with input as inv([flow([])])
}

test_flow_with_secret_fires if {
	findings := rule.deny with input as inv([flow([{"action": "InvokeLambdaFunction", "parameter": "LambdaInvocationAttributes.apiToken", "kind": "named-secret"}])])
	count(findings) == 1
	some f in findings
	f.resource.id == "arn:aws:connect:us-east-1:111111111111:instance/i-1/contact-flow/f-1"
	fx.mentions(f.msg, "named-secret in parameter LambdaInvocationAttributes.apiToken of an unnamed InvokeLambdaFunction block")
	fx.mentions(f.msg, "keep it in AWS SSM Parameter Store or Secrets Manager")
}

test_several_secrets_one_finding_per_flow if {
	secrets := [
		{"action": "UpdateContactAttributes", "parameter": "Attributes.key", "kind": "aws-access-key"},
		{"action": "UpdateContactAttributes", "parameter": "Attributes.pem", "kind": "private-key"},
	]
	other := object.union(flow(secrets), {"id": "f-2", "arn": null})
	fx.resource_ids(rule.deny) == {"arn:aws:connect:us-east-1:111111111111:instance/i-1/contact-flow/f-1", "f-2"} with input as inv([flow(secrets), other])
}

# Where the reader gives the action's position, the finding names it: the report points at the action.
test_secret_origin_locates_the_finding_at_its_action if {
	at := {"file": "flows/pay.json", "line": 31, "column": 9}
	findings := rule.deny with input as inv([flow([{"action": "InvokeLambdaFunction", "parameter": "LambdaInvocationAttributes.apiToken", "kind": "named-secret", "origin": at}])])
	some f in findings
	f.origins == [at]
}

test_block_identifier_named if {
	findings := rule.deny with input as inv([flow([{"action": "UpdateContactAttributes", "actionId": "set-crm-auth", "parameter": "Attributes.header", "kind": "authorization-header"}])])
	some f in findings
	fx.mentions(f.msg, "authorization-header in parameter Attributes.header of block set-crm-auth (UpdateContactAttributes)")
}

test_placeholder_instance_is_not_named if {
	secret := {"action": "UpdateContactAttributes", "parameter": "Attributes.key", "kind": "aws-access-key"}
	f := object.union(flow([secret]), {"arn": "arn:aws:connect:us-east-1::instance/flow-export-uat/contact-flow/flow-export:inbound.json", "origin": {"file": "flows/inbound.json", "line": 1}})
	findings := rule.deny with input as fx.inventory([], [fx.placeholder_account("uat", [object.union(fx.placeholder_instance("uat"), {"flows": [f]})])])
	count(findings) == 1
	some finding in findings
	fx.mentions(finding.msg, "Contact flow Payments (in flows/inbound.json) holds what looks like a credential")
	fx.names_no_placeholder(finding.msg)
}
