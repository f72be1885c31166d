package scv.test.rules.contact_centers.production_on_nonproduction_instance

import data.scv.test.fixtures as fx
import data.scv.rules.contact_centers.production_on_nonproduction_instance as rule
import rego.v1

prod_org(account, instance) := fx.org("00DP00000000001AAA", "production", "prod", null, [fx.cc("0ZgP1", account, instance)])

accounts := [
	fx.account_with("111111111111", "prod", [fx.instance("111111111111", "i-prod", "prod")], [], []),
	fx.account_with("222222222222", "dev", [fx.instance("222222222222", "i-dev", "dev")], [], []),
]

test_production_instance_passes if {
	count(rule.deny) == 0 with input as fx.inventory([prod_org("111111111111", "i-prod")], accounts)
}

test_non_production_instance_fires if {
	findings := rule.deny with input as fx.inventory([prod_org("222222222222", "i-dev")], accounts)
	count(findings) == 1
	some f in findings
	f.resource == {"type": "contact-center", "id": "0ZgP1", "environment": "prod"}
	{r.id | some r in f.related} == {"00DP00000000001AAA", "arn:aws:connect:us-east-1:222222222222:instance/i-dev"}
	fx.mentions(f.msg, "in non-production environment dev")
	fx.mentions(f.msg, "You can't migrate an instance from a sandbox to production")
}

test_instance_not_collected_uses_account_environment if {
	fx.resource_ids(rule.deny) == {"0ZgP1"} with input as fx.inventory([prod_org("222222222222", "i-unseen")], accounts)
}

test_unknown_environment_no_guess if {
	count(rule.deny) == 0 with input as fx.inventory([prod_org("333333333333", "i-x")], accounts)
}

test_sandbox_org_is_not_this_rule if {
	sandbox := fx.org("00DS00000000001AAA", "sandbox", "dev", null, [fx.cc("0ZgS1", "222222222222", "i-dev")])
	count(rule.deny) == 0 with input as fx.inventory([sandbox], accounts)
}

test_production_tagged_instance_in_non_production_account_fires if {
	mislabelled := fx.account_with("222222222222", "dev", [fx.instance("222222222222", "i-dev", "prod")], [], [])
	findings := rule.deny with input as fx.inventory([prod_org("222222222222", "i-dev")], [mislabelled])
	some f in findings
	fx.mentions(f.msg, "in non-production environment dev")
}

# A contact center known only by alias: checked against the one instance of that alias in its org's accounts.
test_alias_only_contact_center_on_non_production_instance_fires if {
	alias_org := fx.org("00DP00000000001AAA", "production", "prod", null, [fx.alias_cc("0ZgP1", "acme-scv")])
	tagged := object.union(fx.instance_aliased("111111111111", "i-prod", null, "acme-scv"), {"tags": {"Environment": "dev"}})
	findings := rule.deny with input as fx.inventory([alias_org], [fx.account_with("111111111111", "prod", [tagged], [], [])])
	count(findings) == 1
	count(rule.deny) == 0 with input as fx.inventory([alias_org], [fx.account_with("111111111111", "prod", [fx.instance_aliased("111111111111", "i-prod", "prod", "acme-scv")], [], [])])
}

test_alias_only_contact_center_without_accounts_cannot_be_known if {
	alias_org := fx.org("00DP00000000001AAA", "production", "prod", null, [fx.alias_cc("0ZgP1", "acme-scv")])
	inv := fx.inventory([alias_org], [fx.account_with("222222222222", "dev", [fx.instance_aliased("222222222222", "i-dev", "dev", "acme-scv")], [], [])])
	count(rule.deny) == 0 with input as inv
	reasons := rule.incomplete with input as inv
	some r in reasons
	fx.mentions(r, "the config maps no account to its org's environment prod")
	# A sandbox's alias-only contact center is no concern of this rule.
	sandbox := fx.org("00DS00000000001AAA", "sandbox", "dev", null, [fx.alias_cc("0ZgS1", "acme-scv")])
	count(rule.incomplete) == 0 with input as fx.inventory([sandbox], [])
}
