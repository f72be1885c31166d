package scv.test.rules.accounts.orphaned_account

import data.scv.test.fixtures as fx
import data.scv.rules.accounts.orphaned_account
import rego.v1

prod := fx.org("00DP00000000001AAA", "production", "prod", "111111111111", [fx.cc("0ZgP1", "111111111111", "i-p")])

linked := fx.account_with("111111111111", "prod", [fx.instance("111111111111", "i-p", "prod")], fx.scv_roles("111111111111", "x"), [])

left_behind := fx.account_with("222222222222", "dev", [fx.instance("222222222222", "i-old", "dev")], [], [])

test_linked_account_passes if {
	count(orphaned_account.deny) == 0 with input as fx.inventory([prod], [linked])
}

test_account_with_instance_and_no_org_fires if {
	findings := orphaned_account.deny with input as fx.inventory([prod], [linked, left_behind])
	count(findings) == 1
	some f in findings
	f.resource == {"type": "aws-account", "id": "222222222222", "environment": "dev"}
	fx.mentions(f.msg, "AWS account 222222222222 holds Service Cloud Voice resources (1 Amazon Connect instance(s)) but is linked to no active Salesforce org.")
	fx.mentions(f.msg, "close the account to avoid unnecessary charges")
}

test_account_with_only_scv_roles_fires if {
	roles_only := fx.account_with("333333333333", null, [], fx.scv_roles("333333333333", "x"), [])
	findings := orphaned_account.deny with input as fx.inventory([prod], [linked, roles_only])
	fx.resource_ids(findings) == {"333333333333"}
	some f in findings
	fx.mentions(f.msg, "(4 SCV role(s))")
}

test_account_of_deleted_sandbox_names_it if {
	deleted := object.union(fx.org("00DS00000000001AAA", "sandbox", "dev", "222222222222", []), {"status": "deleted"})
	findings := orphaned_account.deny with input as fx.inventory([prod, deleted], [linked, left_behind])
	some f in findings
	fx.mentions(f.msg, "it was linked to deleted org Org 00DS00000000001AAA")
	{r.id | some r in f.related} == {"00DS00000000001AAA"}
}

test_account_without_scv_resources_passes if {
	plain := fx.account_with("444444444444", "dev", [], [fx.role("444444444444", "LambdaExec", fx.trust("444444444444", {}))], [])
	count(orphaned_account.deny) == 0 with input as fx.inventory([prod], [linked, plain])
}

test_closed_account_passes if {
	closed := object.union(left_behind, {"state": "SUSPENDED"})
	count(orphaned_account.deny) == 0 with input as fx.inventory([prod], [linked, closed])
}

test_no_salesforce_side_no_guess if {
	count(orphaned_account.deny) == 0 with input as fx.inventory([], [linked, left_behind])
}

test_planned_resources_are_no_evidence if {
	planned_instance := object.union(fx.instance("555555555555", "i-new", "dev"), {"origin": {"file": "plan.json", "line": 3}})
	planned_role := object.union(fx.role("555555555555", "SCVS3Role", null), {"origin": {"file": "plan.json", "line": 40}})
	planned := fx.account_with("555555555555", "dev", [planned_instance], [planned_role], [])
	count(orphaned_account.deny) == 0 with input as fx.inventory([prod], [linked, planned])
}

test_salesforce_read_failure_no_guess if {
	failed := json.patch(fx.inventory([prod], [linked, left_behind]), [{"op": "add", "path": "/collection/errors/-", "value": {"source": "salesforce", "target": "uat", "operation": "authenticate", "code": "INVALID_GRANT", "message": "expired"}}])
	count(orphaned_account.deny) == 0 with input as failed
}

test_aws_read_failure_does_not_hide_unlinked_accounts if {
	failed := json.patch(fx.inventory([prod], [linked, left_behind]), [{"op": "add", "path": "/collection/errors/-", "value": {"source": "aws", "target": "444444444444:us-east-1:connect", "operation": "ListInstances", "code": "AccessDenied", "message": "denied"}}])
	fx.resource_ids(orphaned_account.deny) == {"222222222222"} with input as failed
}
