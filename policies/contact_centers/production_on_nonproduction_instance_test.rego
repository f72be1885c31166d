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
