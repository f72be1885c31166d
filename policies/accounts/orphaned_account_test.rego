package scv.test.rules.accounts.orphaned_account

import data.scv.test.fixtures as fx
import data.scv.rules.accounts.orphaned_account
import rego.v1

prod := fx.org("00DP00000000001AAA", "production", "prod", "111111111111", [fx.cc("0ZgP1", "111111111111", "i-p")])

linked := fx.account_with("111111111111", "prod", [fx.instance("111111111111", "i-p", "prod")], fx.scv_roles("111111111111", "x"), [])

tagged_instance := object.union(fx.instance("222222222222", "i-old", "dev"), {"tags": {"SalesforceCallCenter": "Support"}})

left_behind := fx.account_with("222222222222", "dev", [tagged_instance], [], [])

native := fx.account_with("666666666666", "dev", [fx.instance("666666666666", "i-native", "dev")], [], [])

sf_error(target) := {"source": "salesforce", "target": target, "operation": "read contact centers", "code": "INVALID_SESSION_ID", "message": "expired"}

with_errors(inv, errors) := json.patch(inv, [{"op": "replace", "path": "/collection/errors", "value": errors}])

test_linked_account_passes if {
	count(orphaned_account.deny) == 0 with input as fx.inventory([prod], [linked])
}

test_native_connect_account_without_scv_evidence_passes if {
	count(orphaned_account.deny) == 0 with input as fx.inventory([prod], [linked, native])
}

test_account_with_scv_tagged_instance_fires if {
	findings := orphaned_account.deny with input as fx.inventory([prod], [linked, left_behind])
	count(findings) == 1
	some f in findings
	f.resource == {"type": "aws-account", "id": "222222222222", "environment": "dev"}
	fx.mentions(f.msg, "AWS account 222222222222 served Service Cloud Voice (Connect instance arn:aws:connect:us-east-1:222222222222:instance/i-old tagged SalesforceCallCenter) but is linked to no active Salesforce org.")
	fx.mentions(f.msg, "if nothing else uses the account, close it")
}

test_scv_roles_not_referenced_are_no_evidence if {
	roles_only := fx.account_with("333333333333", null, [], fx.scv_roles("333333333333", "x"), [])
	count(orphaned_account.deny) == 0 with input as fx.inventory([prod], [linked, roles_only])
}

deleted := object.union(fx.org("00DS00000000001AAA", "sandbox", "dev", null, [fx.cc("0ZgS1", "333333333333", "i-gone")]), {"status": "deleted"})

roles_of_deleted := fx.account_with("333333333333", null, [], fx.scv_roles("333333333333", "x"), [])

test_roles_a_deleted_org_referenced_fire if {
	findings := orphaned_account.deny with input as fx.inventory([prod, deleted], [linked, roles_of_deleted])
	fx.resource_ids(findings) == {"333333333333"}
	some f in findings
	fx.mentions(f.msg, "role arn:aws:iam::333333333333:role/SCVS3Role that a contact center referenced")
	fx.mentions(f.msg, "deleted org Org 00DS00000000001AAA (00DS00000000001AAA) linked to it")
	{r.id | some r in f.related} == {"00DS00000000001AAA"}
}

stack_and_saml(id, org_id) := object.union(fx.account_with(id, "dev", [], [], []), {
	"cloudFormationStacks": [{"id": "s", "name": "scv-dev", "region": "us-east-1", "status": "CREATE_COMPLETE", "parameters": {"SalesforceOrgId": org_id}, "tags": {}, "outputs": {}}],
	"samlProviders": [{"arn": sprintf("arn:aws:iam::%s:saml-provider/SalesforceServiceVoiceIdp_%s", [id, org_id]), "name": sprintf("SalesforceServiceVoiceIdp_%s", [org_id])}],
})

test_scv_stack_and_saml_provider_are_evidence if {
	findings := orphaned_account.deny with input as fx.inventory([prod, deleted], [linked, stack_and_saml("444444444444", "00DS00000000001AAA")])
	some f in findings
	fx.mentions(f.msg, "SAML provider SalesforceServiceVoiceIdp_00DS00000000001AAA; SCV CloudFormation stack scv-dev")
}

test_closed_account_passes if {
	closed := object.union(left_behind, {"state": "SUSPENDED"})
	count(orphaned_account.deny) == 0 with input as fx.inventory([prod], [linked, closed])
}

test_no_salesforce_side_no_guess if {
	count(orphaned_account.deny) == 0 with input as fx.inventory([], [linked, left_behind])
}

test_planned_resources_are_no_evidence if {
	planned_instance := object.union(tagged_instance, {"origin": {"file": "plan.json", "line": 3}})
	planned := fx.account_with("222222222222", "dev", [planned_instance], [], [])
	count(orphaned_account.deny) == 0 with input as fx.inventory([prod], [linked, planned])
}

test_salesforce_failure_silences_accounts_with_evidence_naming_no_org if {
	count(orphaned_account.deny) == 0 with input as with_errors(fx.inventory([prod], [linked, left_behind]), [sf_error("uat")])
}

test_failure_of_one_org_does_not_silence_accounts_of_another if {
	inv := fx.inventory([prod, deleted], [linked, stack_and_saml("444444444444", "00DS00000000001AAA")])
	# The uat org (id known) failed: the account's evidence names the deleted sandbox, not uat.
	fx.resource_ids(orphaned_account.deny) == {"444444444444"} with input as with_errors(inv, [sf_error("uat/00D7z000000UaTaEAC")])
	# The failed org is the one the evidence names: silent.
	count(orphaned_account.deny) == 0 with input as with_errors(inv, [sf_error("sbx/00DS00000000001AAA")])
	# An org whose id is not known failed, but every org the evidence names was read.
	fx.resource_ids(orphaned_account.deny) == {"444444444444"} with input as with_errors(inv, [sf_error("uat")])
	# ... and evidence naming an org the scan did not read could be that org's.
	count(orphaned_account.deny) == 0 with input as with_errors(fx.inventory([prod], [linked, stack_and_saml("444444444444", "00DX00000000009AAA")]), [sf_error("uat")])
}

test_aws_read_failure_does_not_hide_unlinked_accounts if {
	failed := json.patch(fx.inventory([prod], [linked, left_behind]), [{"op": "add", "path": "/collection/errors/-", "value": {"source": "aws", "target": "444444444444:us-east-1:connect", "operation": "ListInstances", "code": "AccessDenied", "message": "denied"}}])
	fx.resource_ids(orphaned_account.deny) == {"222222222222"} with input as failed
}
