package scv.test.rules.iam.role_shared_between_orgs

import data.scv.test.fixtures as fx
import data.scv.rules.iam.role_shared_between_orgs as rule
import rego.v1

org_a := fx.org("00DA00000000001AAA", "production", "prod", null, [fx.cc("0ZgA1", "111111111111", "i-a")])

test_own_roles_pass if {
	org_b := fx.org("00DB00000000001AAA", "sandbox", "dev", null, [fx.cc("0ZgB1", "222222222222", "i-b")])
	count(rule.deny) == 0 with input as fx.inventory([org_a, org_b], [])
}

test_shared_role_fires if {
	cc := object.union(fx.cc("0ZgB1", "222222222222", "i-b"), {"roles": {"s3": "arn:aws:iam::111111111111:role/SCVS3Role"}})
	org_b := fx.org("00DB00000000001AAA", "sandbox", "dev", null, [cc])
	findings := rule.deny with input as fx.inventory([org_a, org_b], [])
	count(findings) == 1
	some f in findings
	f.resource.id == "arn:aws:iam::111111111111:role/SCVS3Role"
	{r.id | some r in f.related} == {"00DA00000000001AAA", "00DB00000000001AAA"}
	fx.mentions(f.msg, "is referenced by contact centers of 2 orgs (Org 00DA00000000001AAA (00DA00000000001AAA): contact center CC_0ZgA1 (0ZgA1); Org 00DB00000000001AAA (00DB00000000001AAA): contact center CC_0ZgB1 (0ZgB1))")
	fx.mentions(f.msg, "give each org its own cross-account roles")
}

test_two_contact_centers_of_one_org_pass if {
	one := fx.org("00DA00000000001AAA", "production", "prod", null, [fx.cc("0ZgA1", "111111111111", "i-a"), fx.cc("0ZgA2", "111111111111", "i-b")])
	count(rule.deny) == 0 with input as fx.inventory([one], [])
}

test_deleted_org_does_not_count if {
	gone := object.union(fx.org("00DB00000000001AAA", "sandbox", "dev", null, [fx.cc("0ZgB1", "111111111111", "i-b")]), {"status": "deleted"})
	count(rule.deny) == 0 with input as fx.inventory([org_a, gone], [])
}

test_declared_multi_org_role_is_a_note if {
	cc := object.union(fx.cc("0ZgB1", "222222222222", "i-b"), {"roles": {"s3": "arn:aws:iam::111111111111:role/SCVS3Role"}})
	org_b := fx.org("00DB00000000001AAA", "sandbox", "dev", null, [cc])
	groups := {"multiOrg": [{"orgs": ["00DA00000000001AAA", "00DB00000000001AAA"], "accounts": ["111111111111"]}]}
	findings := rule.deny with input as fx.inventory([org_a, org_b], []) with data.config as groups
	count(findings) == 1
	some f in findings
	f.severity == "info"
	fx.mentions(f.msg, "is referenced by contact centers of 2 orgs")
}
