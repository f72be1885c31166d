package scv.test.rules.contact_centers.shared_instance

import data.scv.test.fixtures as fx
import data.scv.rules.contact_centers.shared_instance
import rego.v1

org_a(ccs) := fx.org("00DA00000000001AAA", "production", "prod", "111111111111", ccs)

test_dedicated_instances_pass if {
	inv := fx.inventory([org_a([fx.cc("0Zg01", "111111111111", "i-1"), fx.cc("0Zg02", "111111111111", "i-2")])], [])
	count(shared_instance.deny) == 0 with input as inv
}

test_same_org_two_contact_centers_fire if {
	inv := fx.inventory([org_a([fx.cc("0Zg01", "111111111111", "i-1"), fx.cc("0Zg02", "111111111111", "i-1")])], [])
	findings := shared_instance.deny with input as inv
	count(findings) == 1
	some f in findings
	f.resource.type == "connect-instance"
	f.resource.id == "arn:aws:connect:us-east-1:111111111111:instance/i-1"
	{r.id | some r in f.related} == {"0Zg01", "0Zg02"}
	fx.mentions(f.msg, "is linked to 2 contact centers")
	fx.mentions(f.msg, "create a new contact center with a new instance")
}

test_different_orgs_fire if {
	other := fx.org("00DB00000000001AAA", "sandbox", "dev", null, [fx.cc("0Zg09", "111111111111", "i-1")])
	inv := fx.inventory([org_a([fx.cc("0Zg01", "111111111111", "i-1")]), other], [])
	fx.resource_ids(shared_instance.deny) == {"arn:aws:connect:us-east-1:111111111111:instance/i-1"} with input as inv
}

test_instance_matched_by_id_when_arn_missing if {
	by_id := object.union(fx.cc("0Zg02", "111111111111", "i-1"), {"connect": {"instanceArn": null}})
	inv := fx.inventory([org_a([fx.cc("0Zg01", "111111111111", "i-1"), by_id])], [fx.account_with("111111111111", "prod", [fx.instance("111111111111", "i-1", "prod")], [], [])])
	count(shared_instance.deny) == 1 with input as inv
}

test_deleted_org_does_not_count if {
	gone := object.union(fx.org("00DB00000000001AAA", "sandbox", "dev", null, [fx.cc("0Zg09", "111111111111", "i-1")]), {"status": "deleted"})
	count(shared_instance.deny) == 0 with input as fx.inventory([org_a([fx.cc("0Zg01", "111111111111", "i-1")]), gone], [])
}

test_unknown_instance_is_no_link if {
	unknown := object.union(fx.cc("0Zg02", "111111111111", "i-1"), {"connect": {"instanceArn": null, "instanceId": null, "region": null, "awsAccountId": null}})
	count(shared_instance.deny) == 0 with input as fx.inventory([org_a([fx.cc("0Zg01", "111111111111", "i-1"), unknown])], [])
}

test_declared_multi_org_instance_is_a_note if {
	a := fx.org("00DA00000000001AAA", "production", "prod", null, [fx.cc("0ZgA1", "111111111111", "i-shared")])
	b := fx.org("00DB00000000001AAA", "production", "prod", null, [fx.cc("0ZgB1", "111111111111", "i-shared")])
	groups := {"multiOrg": [{"orgs": ["00DA00000000001AAA", "00DB00000000001AAA"], "instances": ["arn:aws:connect:us-east-1:111111111111:instance/i-shared"]}]}
	findings := shared_instance.deny with input as fx.inventory([a, b], []) with data.config as groups
	count(findings) == 1
	some f in findings
	f.severity == "info"
	undeclared := shared_instance.deny with input as fx.inventory([a, b], [])
	count(undeclared) == 1
	some g in undeclared
	not g.severity
}

# A contact center known only by alias is linked to the one instance of that alias in its org's accounts.
alias_accounts(instances) := [fx.account_with("111111111111", "prod", instances, [], [])]

test_alias_only_contact_center_sharing_an_instance_fires if {
	inv := fx.inventory(
		[org_a([fx.cc("0Zg01", "111111111111", "i-1"), fx.alias_cc("0Zg02", "acme-scv")])],
		alias_accounts([fx.instance_aliased("111111111111", "i-1", "prod", "acme-scv")]),
	)
	findings := shared_instance.deny with input as inv
	fx.resource_ids(findings) == {"arn:aws:connect:us-east-1:111111111111:instance/i-1"}
	some f in findings
	{r.id | some r in f.related} == {"0Zg01", "0Zg02"}
}

test_alias_naming_two_instances_cannot_be_known if {
	inv := fx.inventory(
		[org_a([fx.cc("0Zg01", "111111111111", "i-1"), fx.alias_cc("0Zg02", "acme-scv")])],
		array.concat(alias_accounts([fx.instance_aliased("111111111111", "i-1", "prod", "acme-scv")]), [fx.account_with("333333333333", "prod", [fx.instance_aliased("333333333333", "i-3", "prod", "acme-scv")], [], [])]),
	)
	count(shared_instance.deny) == 0 with input as inv
	reasons := shared_instance.incomplete with input as inv
	count(reasons) == 1
	some r in reasons
	fx.mentions(r, "names its Amazon Connect instance only by alias acme-scv, and 2 instances in the accounts of environment prod")
	fx.mentions(r, "whether it shares its instance with another contact center cannot be known")
}

test_contact_centers_with_known_instances_give_no_reason if {
	inv := fx.inventory([org_a([fx.cc("0Zg01", "111111111111", "i-1")])], [])
	count(shared_instance.incomplete) == 0 with input as inv
}
