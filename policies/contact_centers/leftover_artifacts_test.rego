package scv.test.rules.contact_centers.leftover_artifacts

import data.scv.rules.contact_centers.leftover_artifacts as rule
import data.scv.test.fixtures as fx
import rego.v1

org_id := "00D5g000004AbCdEAK"

stack_id := "arn:aws:cloudformation:us-east-1:111111111111:stack/acme-scv/1"

stack := {"id": stack_id, "name": "acme-scv", "region": "us-east-1", "status": "CREATE_COMPLETE", "tags": {}, "outputs": {}, "parameters": {
	"SalesforceOrgId": org_id, "EnvironmentType": "PRODUCTION", "CallCenterApiName": "CC_cc1", "ConnectInstanceId": "i-1",
}}

fn := {"arn": "arn:aws:lambda:us-east-1:111111111111:function:acme-InvokeSalesforceRestApi", "name": "acme-InvokeSalesforceRestApi", "region": "us-east-1", "environment": "prod", "role": null, "runtime": null, "tags": {"aws:cloudformation:stack-id": stack_id}, "variables": [], "salesforceOrgId": org_id}

inv(orgs, instances, sources) := object.union(fx.inventory(orgs, [object.union(fx.account_with("111111111111", "prod", instances, [], []), {"cloudFormationStacks": [stack], "lambdaFunctions": [fn]})]), {"collection": {"sources": sources, "errors": []}})

live := [{"kind": "aws", "target": "111111111111", "startedAt": "2026-01-01T00:00:00Z", "finishedAt": null}, {"kind": "salesforce", "target": "prod", "startedAt": "2026-01-01T00:00:00Z", "finishedAt": null}]

org_with(ccs) := fx.org(org_id, "production", "prod", null, ccs)

test_stack_of_existing_contact_center_passes if {
	count(rule.deny) == 0 with input as inv([org_with([fx.cc("cc1", "111111111111", "i-1")])], [fx.instance("111111111111", "i-1", "prod")], live)
}

test_deleted_instance_fires_naming_the_functions if {
	findings := rule.deny with input as inv([org_with([fx.cc("cc1", "111111111111", "i-1")])], [], live)
	count(findings) == 1
	some f in findings
	f.resource == {"type": "cloudformation-stack", "id": stack_id, "environment": "prod"}
	f.related == [{"type": "lambda-function", "id": fn.arn}]
	fx.mentions(f.msg, "its instance i-1 no longer exists in account 111111111111")
}

test_deleted_call_center_fires if {
	findings := rule.deny with input as inv([org_with([])], [fx.instance("111111111111", "i-1", "prod")], live)
	some f in findings
	fx.mentions(f.msg, sprintf("its call center CC_cc1 no longer exists in org %s", [org_id]))
}

test_deleted_org_fires if {
	org := object.union(org_with([]), {"status": "deleted"})
	findings := rule.deny with input as inv([org], [fx.instance("111111111111", "i-1", "prod")], live)
	some f in findings
	fx.mentions(f.msg, "was deleted")
}

test_cannot_know_stays_silent if {
	# Instances not listed live (a file source), org not scanned.
	count(rule.deny) == 0 with input as inv([], [], [])
}

test_failed_instance_listing_stays_silent if {
	inventory := object.union(inv([org_with([fx.cc("cc1", "111111111111", "i-1")])], [], live), {"collection": {"sources": live, "errors": [{"source": "aws", "target": "111111111111/us-east-1/connect:instances", "operation": "ListInstances", "code": "AccessDenied", "message": "x"}]}})
	count(rule.deny) == 0 with input as inventory
}

test_stack_a_template_declares_is_not_left_behind if {
	planned := object.union(stack, {"origin": {"file": "BYOAContactCenterStack.yaml", "line": 1, "column": null}})
	input_planned := object.union(fx.inventory([org_with([])], [object.union(fx.account_with("111111111111", "prod", [], [], []), {"cloudFormationStacks": [planned], "lambdaFunctions": []})]), {"collection": {"sources": live, "errors": []}})
	count(rule.deny) == 0 with input as input_planned
}
