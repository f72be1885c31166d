package scv.test.rules.accounts.shared_account

import data.scv.test.fixtures as fx
import data.scv.rules.accounts.shared_account
import rego.v1

org_a := fx.org("00DA00000000001AAA", "production", "prod", "111111111111", [fx.cc("0ZgA1", "111111111111", "i-a")])

org_b := fx.org("00DB00000000001AAA", "production", "prod", null, [fx.cc("0ZgB1", "222222222222", "i-b")])

test_dedicated_accounts_pass if {
	count(shared_account.deny) == 0 with input as fx.inventory([org_a, org_b], [])
}

test_shared_through_contact_center_fires if {
	org_c := fx.org("00DC00000000001AAA", "production", "prod", null, [fx.cc("0ZgC1", "111111111111", "i-c")])
	findings := shared_account.deny with input as fx.inventory([org_a, org_c], [])
	count(findings) == 1
	some f in findings
	f.resource == {"type": "aws-account", "id": "111111111111"}
	{r.id | some r in f.related} == {"00DA00000000001AAA", "00DC00000000001AAA"}
	fx.mentions(f.msg, "AWS account 111111111111 is linked to 2 Salesforce orgs (Org 00DA00000000001AAA (00DA00000000001AAA) through its AwsAccountKey, contact center CC_0ZgA1 (0ZgA1); Org 00DC00000000001AAA (00DC00000000001AAA) through contact center CC_0ZgC1 (0ZgC1)).")
	fx.mentions(f.msg, "create a dedicated AWS account for each org")
}

test_shared_through_account_key_fires if {
	org_c := fx.org("00DC00000000001AAA", "sandbox", "dev", "111111111111", [])
	fx.resource_ids(shared_account.deny) == {"111111111111"} with input as fx.inventory([org_a, org_c], [])
}

test_shared_through_role_arn_fires if {
	cc := object.union(fx.cc("0ZgC1", "333333333333", "i-c"), {"roles": {"s3": "arn:aws:iam::111111111111:role/SCVS3Role"}})
	org_c := fx.org("00DC00000000001AAA", "sandbox", "dev", null, [cc])
	findings := shared_account.deny with input as fx.inventory([org_a, org_c], [])
	fx.resource_ids(findings) == {"111111111111"}
	some f in findings
	fx.mentions(f.msg, "Org 00DC00000000001AAA (00DC00000000001AAA) through contact center CC_0ZgC1 (0ZgC1)")
}

test_shared_through_connect_account_id_alone_fires if {
	cc := object.union(fx.cc("0ZgC1", "111111111111", "i-c"), {
		"connect": {"instanceArn": null, "region": null},
		"roles": {"provisioning": null, "connectManagement": null, "updateCredential": null, "instanceRecording": null, "s3": null},
	})
	org_c := fx.org("00DC00000000001AAA", "sandbox", "dev", null, [cc])
	fx.resource_ids(shared_account.deny) == {"111111111111"} with input as fx.inventory([org_a, org_c], [])
}

test_deleted_org_does_not_count if {
	org_c := object.union(fx.org("00DC00000000001AAA", "sandbox", "dev", "111111111111", []), {"status": "deleted"})
	count(shared_account.deny) == 0 with input as fx.inventory([org_a, org_c], [])
}

test_null_account_key_is_no_link if {
	org_c := fx.org("00DC00000000001AAA", "sandbox", "dev", null, [])
	count(shared_account.deny) == 0 with input as fx.inventory([org_a, org_c], [])
}

test_environment_of_account_attached if {
	org_c := fx.org("00DC00000000001AAA", "sandbox", "dev", "111111111111", [])
	findings := shared_account.deny with input as fx.inventory([org_a, org_c], [fx.account("111111111111", "prod")])
	some f in findings
	f.resource.environment == "prod"
}

multi_org := {"multiOrg": [{"orgs": ["00DA00000000001AAA", "00DC00000000001AAA"], "accounts": ["111111111111"]}]}

test_declared_multi_org_group_is_a_note if {
	org_c := fx.org("00DC00000000001AAA", "production", "prod", null, [fx.cc("0ZgC1", "111111111111", "i-c")])
	findings := shared_account.deny with input as fx.inventory([org_a, org_c], []) with data.config as multi_org
	count(findings) == 1
	some f in findings
	f.severity == "info"
	fx.mentions(f.msg, "declared in settings.multiOrg as a supported Service Cloud Voice multi-org setup")
}

test_org_outside_the_declared_group_still_fires if {
	org_d := fx.org("00DD00000000001AAA", "sandbox", "dev", null, [fx.cc("0ZgD1", "111111111111", "i-d")])
	findings := shared_account.deny with input as fx.inventory([org_a, org_d], []) with data.config as multi_org
	count(findings) == 1
	some f in findings
	not f.severity
	fx.mentions(f.msg, "create a dedicated AWS account for each org")
}
