package scv.test.rules.collection.collection_error

import data.scv.test.fixtures as fx
import data.scv.rules.collection.collection_error as rule
import rego.v1

with_errors(errors) := object.union(fx.inventory([], []), {"collection": {"sources": [], "errors": errors}})

test_no_errors_pass if {
	count(rule.deny) == 0 with input as with_errors([])
}

test_one_finding_per_failed_scope if {
	errors := [
		{"source": "aws", "target": "111111111111/us-east-1", "operation": "connect:ListInstances", "code": "AccessDeniedException", "message": "not authorized"},
		{"source": "salesforce", "target": "prod", "operation": "query:ConversationVendorInfo", "code": "INVALID_SESSION_ID", "message": "expired"},
	]
	findings := rule.deny with input as with_errors(errors)
	fx.resource_ids(findings) == {"aws:111111111111/us-east-1:connect:ListInstances", "salesforce:prod:query:ConversationVendorInfo"}
	some f in findings
	f.resource.type == "collection-scope"
	f.resource.id == "aws:111111111111/us-east-1:connect:ListInstances"
	fx.mentions(f.msg, "Could not read connect:ListInstances for aws 111111111111/us-east-1: AccessDeniedException (not authorized)")
	fx.mentions(f.msg, "until then this scope is unchecked")
}
