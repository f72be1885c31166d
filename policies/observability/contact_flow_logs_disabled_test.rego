package scv.test.rules.observability.contact_flow_logs_disabled

import data.scv.test.fixtures as fx
import data.scv.rules.observability.contact_flow_logs_disabled as rule
import rego.v1

inv(attributes) := fx.inventory([], [fx.account_with("111111111111", "dev", [object.union(fx.instance("111111111111", "i-1", "dev"), {"attributes": attributes})], [], [])])

test_enabled_passes if {
	count(rule.deny) == 0 with input as inv({"CONTACTFLOW_LOGS": true})
}

test_disabled_fires if {
	findings := rule.deny with input as inv({"CONTACTFLOW_LOGS": false})
	count(findings) == 1
	some f in findings
	f.resource == {"type": "connect-instance", "id": "arn:aws:connect:us-east-1:111111111111:instance/i-1", "environment": "dev"}
	fx.mentions(f.msg, "has contact flow logs (CONTACTFLOW_LOGS) disabled")
	fx.mentions(f.msg, "Enable flow logs")
}

test_string_value_false_fires if {
	count(rule.deny) == 1 with input as inv({"CONTACTFLOW_LOGS": "FALSE"})
}

test_attribute_not_read_no_guess if {
	count(rule.deny) == 0 with input as inv({})
}
