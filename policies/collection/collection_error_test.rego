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
	fx.mentions(f.msg, "AWS 111111111111/us-east-1: connect:ListInstances failed with AccessDeniedException (not authorized).")
	fx.mentions(f.msg, "Until then everything of AWS 111111111111/us-east-1 is unchecked.")
}

test_names_the_remediation_and_the_sections_left_unread if {
	errors := [{
		"source": "aws", "target": "111111111111/us-east-1/arn:aws:iam::111111111111:role/ScvGuardReadOnly",
		"operation": "sts:AssumeRole", "code": "AccessDenied", "message": "not authorized to perform sts:AssumeRole",
		"sections": ["aws.accounts"], "cause": "assume-role",
		"remediation": "AssumeRole on arn:aws:iam::111111111111:role/ScvGuardReadOnly was refused: check the trust policy.",
	}]
	findings := rule.deny with input as with_errors(errors)
	some f in findings
	fx.mentions(f.msg, "sts:AssumeRole failed with AccessDenied (not authorized to perform sts:AssumeRole). AssumeRole on arn:aws:iam::111111111111:role/ScvGuardReadOnly was refused: check the trust policy.")
	fx.mentions(f.msg, "Until then aws.accounts of AWS 111111111111/us-east-1/arn:aws:iam::111111111111:role/ScvGuardReadOnly is unchecked.")
}

test_an_older_error_gets_the_general_remediation if {
	errors := [{"source": "salesforce", "target": "prod", "operation": "authenticate", "code": "invalid_grant", "message": "expired"}]
	some f in rule.deny with input as with_errors(errors)
	fx.mentions(f.msg, "Salesforce org prod: authenticate failed with invalid_grant (expired). Check that the scanner may read this")
}
