package scv.test.rules.accounts.sandbox_production_account

import data.scv.test.fixtures as fx
import data.scv.rules.accounts.sandbox_production_account
import rego.v1

prod := fx.org("00DP00000000001AAA", "production", "prod", "111111111111", [fx.cc("0ZgP1", "111111111111", "i-p")])

sandbox(account) := object.union(fx.org("00DS00000000001AAA", "sandbox", "uat", null, [fx.cc("0ZgS1", account, "i-s")]), {"sandbox": {"name": "uat", "sourceOrgId": null, "productionOrgId": "00DP00000000001AAA", "lastCopiedAt": "2025-06-01T00:00:00Z"}})

test_separate_account_passes if {
	count(sandbox_production_account.deny) == 0 with input as fx.inventory([prod, sandbox("222222222222")], [])
}

test_sandbox_on_production_account_fires if {
	findings := sandbox_production_account.deny with input as fx.inventory([prod, sandbox("111111111111")], [])
	count(findings) == 1
	some f in findings
	f.resource == {"type": "salesforce-org", "id": "00DS00000000001AAA", "environment": "uat"}
	{r.id | some r in f.related} == {"111111111111", "00DP00000000001AAA"}
	fx.mentions(f.msg, "Sandbox org Org 00DS00000000001AAA (00DS00000000001AAA) uses AWS account 111111111111")
	fx.mentions(f.msg, "completely separate from the production org's AWS account")
}

test_any_production_org_counts if {
	other_prod := fx.org("00DQ00000000001AAA", "production", "prod", "555555555555", [])
	fx.resource_ids(sandbox_production_account.deny) == {"00DS00000000001AAA"} with input as fx.inventory([prod, other_prod, sandbox("555555555555")], [])
}

test_deleted_sandbox_is_ignored if {
	deleted := object.union(sandbox("111111111111"), {"status": "deleted"})
	count(sandbox_production_account.deny) == 0 with input as fx.inventory([prod, deleted], [])
}

test_two_sandboxes_sharing_is_not_this_rule if {
	other := object.union(sandbox("222222222222"), {"id": "00DT00000000001AAA"})
	count(sandbox_production_account.deny) == 0 with input as fx.inventory([prod, sandbox("222222222222"), other], [])
}
