package scv.test.rules.contact_centers.copied_contact_center

import data.scv.test.fixtures as fx
import data.scv.rules.contact_centers.copied_contact_center as rule
import rego.v1

source := fx.org("00DS00000000001AAA", "sandbox", "uat", "111111111111", [object.union(fx.cc("0ZgS1", "111111111111", "i-src"), {"internalName": "Care"})])

clone(cc) := object.union(fx.org("00DC00000000001AAA", "sandbox", "dev", "222222222222", [cc]), {"sandbox": {"name": "dev", "sourceOrgId": "00DS00000000001AAA", "productionOrgId": "00DP00000000001AAA", "lastCopiedAt": "2025-06-01T00:00:00Z"}})

copied_cc := object.union(fx.cc("0ZgC1", "111111111111", "i-src"), {"createdAt": "2025-03-01T00:00:00Z", "roles": {}})

fresh_cc := object.union(fx.cc("0ZgC2", "222222222222", "i-new"), {"createdAt": "2025-06-02T00:00:00Z"})

test_fresh_contact_center_passes if {
	count(rule.deny) == 0 with input as fx.inventory([source, clone(fresh_cc)], [])
}

test_cloned_contact_center_on_source_instance_fires if {
	findings := rule.deny with input as fx.inventory([source, clone(copied_cc)], [])
	count(findings) == 1
	some f in findings
	f.resource == {"type": "contact-center", "id": "0ZgC1", "environment": "dev"}
	{r.id | some r in f.related} == {"00DC00000000001AAA", "00DS00000000001AAA"}
	fx.mentions(f.msg, "looks copied from another org")
	fx.mentions(f.msg, "it predates the sandbox's last copy (2025-06-01T00:00:00Z) from org Org 00DS00000000001AAA (00DS00000000001AAA) and still points at its AWS account 111111111111 and instance arn:aws:connect:us-east-1:111111111111:instance/i-src")
	fx.mentions(f.msg, "its instance arn:aws:connect:us-east-1:111111111111:instance/i-src is also used by contact center 0ZgS1")
	fx.mentions(f.msg, "create a new contact center")
}

test_contact_center_in_other_orgs_account_fires if {
	other_account := object.union(fx.cc("0ZgC3", "111111111111", "i-own"), {"createdAt": "2025-07-01T00:00:00Z", "roles": {}})
	findings := rule.deny with input as fx.inventory([source, clone(other_account)], [])
	some f in findings
	fx.mentions(f.msg, "its AWS account 111111111111 is the AWS account of org Org 00DS00000000001AAA")
}

test_later_contact_center_on_earlier_instance_fires_only_for_the_copy if {
	org_x := fx.org("00DX00000000001AAA", "production", "prod", null, [object.union(fx.cc("0ZgX1", "333333333333", "i-x"), {"createdAt": "2024-01-01T00:00:00Z"})])
	org_y := fx.org("00DY00000000001AAA", "production", "prod", null, [object.union(fx.cc("0ZgY1", "333333333333", "i-x"), {"createdAt": "2024-05-01T00:00:00Z"})])
	fx.resource_ids(rule.deny) == {"0ZgY1"} with input as fx.inventory([org_x, org_y], [])
}

test_unknown_creation_times_do_not_guess if {
	org_x := fx.org("00DX00000000001AAA", "production", "prod", null, [object.union(fx.cc("0ZgX1", "333333333333", "i-x"), {"createdAt": null})])
	org_y := fx.org("00DY00000000001AAA", "production", "prod", null, [object.union(fx.cc("0ZgY1", "333333333333", "i-x"), {"createdAt": null})])
	count(rule.deny) == 0 with input as fx.inventory([org_x, org_y], [])
}

test_copied_in_deleted_org_is_ignored if {
	gone := object.union(clone(copied_cc), {"status": "deleted"})
	count(rule.deny) == 0 with input as fx.inventory([source, gone], [])
}

test_sandbox_copied_from_production_uses_production_as_source if {
	prod := fx.org("00DP00000000001AAA", "production", "prod", "111111111111", [object.union(fx.cc("0ZgP1", "111111111111", "i-prod"), {"createdAt": "2024-01-01T00:00:00Z"})])
	cc := object.union(fx.cc("0ZgC9", "111111111111", "i-prod"), {"createdAt": "2024-01-01T00:00:00Z", "roles": {}})
	sandbox := object.union(fx.org("00DC00000000001AAA", "sandbox", "dev", null, [cc]), {"sandbox": {"name": "dev", "sourceOrgId": null, "productionOrgId": "00DP00000000001AAA", "lastCopiedAt": "2025-06-01T00:00:00Z"}})
	findings := rule.deny with input as fx.inventory([prod, sandbox], [])
	fx.resource_ids(findings) == {"0ZgC9"}
	some f in findings
	fx.mentions(f.msg, "from org Org 00DP00000000001AAA (00DP00000000001AAA)")
}

test_production_contact_center_created_after_copy_is_not_the_original if {
	prod := fx.org("00DP00000000001AAA", "production", "prod", null, [object.union(fx.cc("0ZgP2", "222222222222", "i-s"), {"createdAt": "2025-09-01T00:00:00Z"})])
	cc := object.union(fx.cc("0ZgS1", "222222222222", "i-s"), {"createdAt": "2025-07-01T00:00:00Z"})
	sandbox := object.union(fx.org("00DS00000000002AAA", "sandbox", "uat", "222222222222", [cc]), {"sandbox": {"name": "uat", "sourceOrgId": null, "productionOrgId": "00DP00000000001AAA", "lastCopiedAt": "2025-06-01T00:00:00Z"}})
	fx.resource_ids(rule.deny) == {"0ZgP2"} with input as fx.inventory([prod, sandbox], [])
}

test_reusing_a_deleted_orgs_account_and_instance_passes if {
	gone := object.union(fx.org("00DG00000000001AAA", "sandbox", "dev", "444444444444", [object.union(fx.cc("0ZgG1", "444444444444", "i-old"), {"createdAt": "2024-01-01T00:00:00Z"})]), {"status": "deleted"})
	reuse := fx.org("00DN00000000001AAA", "sandbox", "dev", null, [object.union(fx.cc("0ZgN1", "444444444444", "i-old"), {"createdAt": "2025-01-01T00:00:00Z"})])
	count(rule.deny) == 0 with input as fx.inventory([gone, reuse], [])
}

test_copy_from_a_deleted_source_org_fires if {
	gone_source := object.union(source, {"status": "deleted"})
	findings := rule.deny with input as fx.inventory([gone_source, clone(copied_cc)], [])
	fx.resource_ids(findings) == {"0ZgC1"}
	some f in findings
	fx.mentions(f.msg, "its AWS account 111111111111 is the AWS account of org Org 00DS00000000001AAA")
	fx.mentions(f.msg, "its instance arn:aws:connect:us-east-1:111111111111:instance/i-src is also used by contact center 0ZgS1")
}

# An alias that names two instances: whether the contact center uses another org's instance cannot
# be known while the scan holds another org.
alias_inventory(orgs) := fx.inventory(orgs, [
	fx.account_with("222222222222", "dev", [fx.instance_aliased("222222222222", "i-a", "dev", "acme-scv")], [], []),
	fx.account_with("333333333333", "dev", [fx.instance_aliased("333333333333", "i-b", "dev", "acme-scv")], [], []),
])

alias_org := fx.org("00DC00000000001AAA", "sandbox", "dev", null, [fx.alias_cc("0ZgA1", "acme-scv")])

test_unresolved_alias_with_another_org_cannot_be_known if {
	inv := alias_inventory([source, alias_org])
	count(rule.deny) == 0 with input as inv
	reasons := rule.incomplete with input as inv
	count(reasons) == 1
	some r in reasons
	fx.mentions(r, "names its Amazon Connect instance only by alias acme-scv")
	fx.mentions(r, "whether it uses the instance of another org's contact center cannot be known")
}

test_unresolved_alias_alone_in_the_scan_gives_no_reason if {
	count(rule.incomplete) == 0 with input as alias_inventory([alias_org])
}

test_known_instances_give_no_reason if {
	count(rule.incomplete) == 0 with input as fx.inventory([source, clone(fresh_cc)], [])
}
