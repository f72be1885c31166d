package scv.test.rules.environments.instance_environment_mismatch

import data.scv.test.fixtures as fx
import data.scv.rules.environments.instance_environment_mismatch as rule
import rego.v1

accounts := [
	fx.account_with("111111111111", "prod", [fx.instance("111111111111", "i-prod", "prod")], [], []),
	fx.account_with("222222222222", "dev", [fx.instance("222222222222", "i-dev", "dev")], [], []),
]

prod_org := fx.org("00DP00000000001AAA", "production", "prod", null, [fx.cc("0ZgP1", "111111111111", "i-prod")])

test_matching_environments_pass if {
	dev_org := fx.org("00DD00000000001AAA", "sandbox", "dev", null, [fx.cc("0ZgD1", "222222222222", "i-dev")])
	count(rule.deny) == 0 with input as fx.inventory([prod_org, dev_org], accounts)
}

test_org_on_instance_of_other_environment_fires if {
	uat_org := fx.org("00DU00000000001AAA", "sandbox", "uat", null, [fx.cc("0ZgU1", "222222222222", "i-dev")])
	findings := rule.deny with input as fx.inventory([prod_org, uat_org], accounts)
	count(findings) == 1
	some f in findings
	f.resource == {"type": "connect-instance", "id": "arn:aws:connect:us-east-1:222222222222:instance/i-dev", "environment": "dev"}
	fx.mentions(f.msg, "is in environment dev but serves an org of environment uat")
	fx.mentions(f.msg, "Use a separate Amazon Connect instance per environment")
}

test_instance_serving_two_environments_fires if {
	dev_org := fx.org("00DD00000000001AAA", "sandbox", "dev", null, [fx.cc("0ZgD1", "111111111111", "i-prod")])
	findings := rule.deny with input as fx.inventory([prod_org, dev_org], accounts)
	some f in findings
	fx.mentions(f.msg, "serves orgs of 2 environments (dev, prod)")
	{r.id | some r in f.related} == {"00DP00000000001AAA", "00DD00000000001AAA"}
}

test_org_of_unknown_environment_no_guess if {
	unknown := fx.org("00DX00000000001AAA", "sandbox", null, null, [fx.cc("0ZgX1", "111111111111", "i-prod")])
	count(rule.deny) == 0 with input as fx.inventory([unknown], accounts)
}

test_instance_of_unknown_environment_no_guess if {
	dev_org := fx.org("00DD00000000001AAA", "sandbox", "dev", null, [fx.cc("0ZgD1", "333333333333", "i-unseen")])
	count(rule.deny) == 0 with input as fx.inventory([dev_org], accounts)
}

# A contact center known only by alias: linked to the one instance of that alias in its org's accounts.
test_alias_only_contact_center_on_instance_of_other_environment_fires if {
	uat_org := fx.org("00DU00000000001AAA", "sandbox", "uat", null, [fx.alias_cc("0ZgU1", "acme-uat")])
	dev_instance := object.union(fx.instance_aliased("333333333333", "i-x", "dev", "acme-uat"), {})
	inv := fx.inventory([uat_org], [fx.account_with("333333333333", "uat", [dev_instance], [], [])])
	findings := rule.deny with input as inv
	count(findings) == 1
	some f in findings
	fx.mentions(f.msg, "is in environment dev but serves an org of environment uat")
}

test_alias_only_contact_center_not_told_apart_cannot_be_known if {
	uat_org := fx.org("00DU00000000001AAA", "sandbox", "uat", null, [fx.alias_cc("0ZgU1", "acme-gone")])
	inv := fx.inventory([uat_org], [fx.account_with("333333333333", "uat", [fx.instance_aliased("333333333333", "i-x", "uat", "acme-uat")], [], [])])
	count(rule.deny) == 0 with input as inv
	some r in rule.incomplete with input as inv
	fx.mentions(r, "no instance in the accounts of environment uat (333333333333) has that alias: whether that instance serves another environment cannot be known")
}
