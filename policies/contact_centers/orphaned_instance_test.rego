package scv.test.rules.contact_centers.orphaned_instance

import data.scv.test.fixtures as fx
import data.scv.rules.contact_centers.orphaned_instance as rule
import rego.v1

org := fx.org("00DP00000000001AAA", "production", "prod", "111111111111", [fx.cc("0ZgP1", "111111111111", "i-live")])

live := fx.instance("111111111111", "i-live", "prod")

left := object.union(fx.instance("111111111111", "i-left", "prod"), {"integrations": [{"type": "APPLICATION", "sourceType": "SALESFORCE", "arn": null}]})

test_linked_instance_passes if {
	count(rule.deny) == 0 with input as fx.inventory([org], [fx.account_with("111111111111", "prod", [live], [], [])])
}

test_salesforce_integration_alone_is_no_evidence if {
	count(rule.deny) == 0 with input as fx.inventory([org], [fx.account_with("111111111111", "prod", [live, left], [], [])])
}

stack(parameters) := {"id": "arn:aws:cloudformation:us-east-1:111111111111:stack/acme-scv/1", "name": "acme-scv", "region": "us-east-1", "status": "CREATE_COMPLETE", "parameters": parameters, "tags": {}, "outputs": {}}

test_unlinked_instance_named_by_scv_stack_fires if {
	acct := object.union(fx.account_with("111111111111", "prod", [live, left], [], []), {"cloudFormationStacks": [stack({"ConnectInstanceId": "i-left", "CallCenterApiName": "OldCC"})]})
	findings := rule.deny with input as fx.inventory([org], [acct])
	count(findings) == 1
	some f in findings
	f.resource == {"type": "connect-instance", "id": left.arn, "environment": "prod"}
	fx.mentions(f.msg, "served Service Cloud Voice (SCV CloudFormation stack acme-scv names it) but is linked to no contact center")
	fx.mentions(f.msg, "delete the instance and its AWS artifacts")
}

test_unlinked_instance_with_scv_tag_fires if {
	tagged := object.union(fx.instance("111111111111", "i-tag", "prod"), {"tags": {"SCVContactCenter": "old"}})
	findings := rule.deny with input as fx.inventory([org], [fx.account_with("111111111111", "prod", [live, tagged], [], [])])
	some f in findings
	fx.mentions(f.msg, "it carries SCV tag SCVContactCenter")
}

test_scv_roles_in_the_account_are_no_evidence_about_an_instance if {
	plain := fx.instance("222222222222", "i-plain", "dev")
	count(rule.deny) == 0 with input as fx.inventory([org], [fx.account_with("222222222222", "dev", [plain], fx.scv_roles("222222222222", "x"), [])])
}

test_stack_naming_another_instance_is_no_evidence if {
	acct := object.union(fx.account_with("111111111111", "prod", [live, left], [], []), {"cloudFormationStacks": [stack({"ConnectInstanceId": "i-live"})]})
	count(rule.deny) == 0 with input as fx.inventory([org], [acct])
}

test_unlinked_instance_without_scv_artifacts_passes if {
	plain := fx.instance("222222222222", "i-plain", "dev")
	count(rule.deny) == 0 with input as fx.inventory([org], [fx.account_with("222222222222", "dev", [plain], [], [])])
}

test_instance_of_deleted_org_fires if {
	gone := object.union(fx.org("00DS00000000001AAA", "sandbox", "dev", null, [fx.cc("0ZgS1", "111111111111", "i-left")]), {"status": "deleted"})
	fx.resource_ids(rule.deny) == {left.arn} with input as fx.inventory([org, gone], [fx.account_with("111111111111", "prod", [live, left], [], [])])
}

test_no_salesforce_side_no_guess if {
	count(rule.deny) == 0 with input as fx.inventory([], [fx.account_with("111111111111", "prod", [live, left], [], [])])
}

test_instance_declared_in_a_file_is_left_out if {
	planned := object.union(left, {"origin": {"file": "plan.json", "line": 12}})
	count(rule.deny) == 0 with input as fx.inventory([org], [fx.account_with("111111111111", "prod", [live, planned], [], [])])
}

test_salesforce_read_failure_no_guess if {
	failed := json.patch(fx.inventory([org], [fx.account_with("111111111111", "prod", [live, left], [], [])]), [{"op": "add", "path": "/collection/errors/-", "value": {"source": "salesforce", "target": "uat", "operation": "read contact centers", "code": "INVALID_SESSION_ID", "message": "expired"}}])
	count(rule.deny) == 0 with input as failed
}

# The placeholder instance that stands in for where pre-deploy files deploy is no instance left behind.
test_placeholder_instance_is_left_out if {
	placeholder := object.union(fx.placeholder_instance("prod"), {"tags": {"SCVContactCenter": "new"}})
	count(rule.deny) == 0 with input as fx.inventory([org], [fx.account_with("111111111111", "prod", [live], [], []), fx.placeholder_account("prod", [placeholder])])
	count(rule.deny) == 1 with input as fx.inventory([org], [fx.account_with("111111111111", "prod", [live], [], []), fx.placeholder_account("prod", [object.union(placeholder, {"known": true})])])
}

# A contact center known only by its instance's alias links the one instance with that alias.
alias_org(ccs) := fx.org("00DP00000000001AAA", "production", "prod", null, ccs)

tagged_alias(account, id, alias) := object.union(fx.instance_aliased(account, id, "prod", alias), {"tags": {"SCVContactCenter": "acme"}})

test_instance_linked_by_alias_is_not_orphaned if {
	inv := fx.inventory([alias_org([fx.alias_cc("0ZgP9", "acme-scv")])], [fx.account_with("111111111111", "prod", [tagged_alias("111111111111", "i-live", "acme-scv")], [], [])])
	count(rule.deny) == 0 with input as inv
	count(rule.incomplete) == 0 with input as inv
	# Without the alias-only contact center the same instance is left behind.
	count(rule.deny) == 1 with input as fx.inventory([alias_org([])], [fx.account_with("111111111111", "prod", [tagged_alias("111111111111", "i-live", "acme-scv")], [], [])])
}

test_instance_an_ambiguous_alias_may_name_is_not_called_orphaned if {
	inv := fx.inventory([alias_org([fx.alias_cc("0ZgP9", "acme-scv")])], [
		fx.account_with("111111111111", "prod", [tagged_alias("111111111111", "i-1", "acme-scv")], [], []),
		fx.account_with("333333333333", "prod", [tagged_alias("333333333333", "i-3", "acme-scv"), tagged_alias("333333333333", "i-old", "acme-old")], [], []),
	])
	# Only the instance no contact center may name is left behind.
	fx.resource_ids(rule.deny) == {fx.instance_arn("333333333333", "i-old")} with input as inv
	reasons := rule.incomplete with input as inv
	count(reasons) == 2
	some r in reasons
	fx.mentions(r, "Amazon Connect instance arn:aws:connect:us-east-1:111111111111:instance/i-1 may be linked: contact center CC_0ZgP9 (0ZgP9)")
}

test_replica_a_contact_center_names_is_not_orphaned if {
	replica := tagged_alias("111111111111", "i-replica", "acme-scv-replica")
	with_replica := object.union(fx.cc("0ZgP1", "111111111111", "i-live"), {"connect": {"replicaInstanceAlias": "acme-scv-replica"}})
	count(rule.deny) == 0 with input as fx.inventory([alias_org([with_replica])], [fx.account_with("111111111111", "prod", [live, replica], [], [])])
	count(rule.deny) == 1 with input as fx.inventory([alias_org([fx.cc("0ZgP1", "111111111111", "i-live")])], [fx.account_with("111111111111", "prod", [live, replica], [], [])])
}
