package scv.test.rules.accounts.production_nonproduction_shared

import data.scv.test.fixtures as fx
import data.scv.rules.accounts.production_nonproduction_shared as rule
import rego.v1

prod := fx.org("00DP00000000001AAA", "production", "prod", "111111111111", [fx.cc("0ZgP1", "111111111111", "i-p")])

prod_instance := object.union(fx.instance("111111111111", "i-p", "prod"), {"storage": [fx.s3_storage("CALL_RECORDINGS", "prod-rec")]})

dev_instance(bucket) := object.union(fx.instance("222222222222", "i-d", "dev"), {"storage": [fx.s3_storage("CALL_RECORDINGS", bucket)]})

dev := fx.org("00DD00000000001AAA", "sandbox", "dev", "222222222222", [fx.cc("0ZgD1", "222222222222", "i-d")])

accounts(bucket) := [
	fx.account_with("111111111111", "prod", [prod_instance], [], []),
	fx.account_with("222222222222", "dev", [dev_instance(bucket)], [], []),
]

test_isolated_environments_pass if {
	count(rule.deny) == 0 with input as fx.inventory([prod, dev], accounts("dev-rec"))
}

test_shared_bucket_fires if {
	findings := rule.deny with input as fx.inventory([prod, dev], accounts("prod-rec"))
	count(findings) == 1
	some f in findings
	f.resource.id == "00DD00000000001AAA"
	{r.id | some r in f.related} == {"00DP00000000001AAA", "arn:aws:s3:::prod-rec"}
	fx.mentions(f.msg, "shares s3-bucket arn:aws:s3:::prod-rec with production org")
	fx.mentions(f.msg, "Separate the environments")
}

test_shared_account_fires if {
	dev_on_prod := fx.org("00DD00000000001AAA", "sandbox", "dev", "111111111111", [])
	findings := rule.deny with input as fx.inventory([prod, dev_on_prod], accounts("dev-rec"))
	some f in findings
	f.resource.id == "00DD00000000001AAA"
	fx.mentions(f.msg, "aws-account 111111111111")
}

test_shared_instance_fires if {
	dev_on_prod_instance := fx.org("00DD00000000001AAA", "sandbox", "dev", null, [object.union(fx.cc("0ZgD1", "111111111111", "i-p"), {"roles": {}})])
	findings := rule.deny with input as fx.inventory([prod, dev_on_prod_instance], accounts("dev-rec"))
	some f in findings
	fx.mentions(f.msg, "connect-instance arn:aws:connect:us-east-1:111111111111:instance/i-p")
}

test_two_production_orgs_are_not_this_rule if {
	other_prod := fx.org("00DQ00000000001AAA", "production", "prod", "111111111111", [])
	count(rule.deny) == 0 with input as fx.inventory([prod, other_prod], accounts("dev-rec"))
}

test_deleted_non_production_org_is_ignored if {
	gone := object.union(fx.org("00DD00000000001AAA", "sandbox", "dev", "111111111111", []), {"status": "deleted"})
	count(rule.deny) == 0 with input as fx.inventory([prod, gone], accounts("dev-rec"))
}

test_tier_from_kind_when_environment_unknown if {
	unknown_env := fx.org("00DD00000000001AAA", "sandbox", null, "111111111111", [])
	fx.resource_ids(rule.deny) == {"00DD00000000001AAA"} with input as fx.inventory([prod, unknown_env], accounts("dev-rec"))
}

# A non-production contact center known only by an alias that names two instances: whether it
# shares an instance with production cannot be known while the scan holds a production org.
alias_dev := fx.org("00DD00000000001AAA", "sandbox", "dev", "222222222222", [fx.alias_cc("0ZgD1", "acme-scv")])

alias_accounts := [
	fx.account_with("111111111111", "prod", [fx.instance_aliased("111111111111", "i-p", "prod", "acme-scv")], [], []),
	fx.account_with("222222222222", "dev", [fx.instance_aliased("222222222222", "i-d", "dev", "acme-scv"), fx.instance_aliased("222222222222", "i-e", "dev", "acme-scv")], [], []),
]

test_unresolved_alias_beside_the_other_tier_cannot_be_known if {
	inv := fx.inventory([prod, alias_dev], alias_accounts)
	count(rule.deny) == 0 with input as inv
	reasons := rule.incomplete with input as inv
	count(reasons) == 1
	some r in reasons
	fx.mentions(r, "names its Amazon Connect instance only by alias acme-scv")
	fx.mentions(r, "with an org of the other tier cannot be known")
}

test_unresolved_alias_without_the_other_tier_gives_no_reason if {
	count(rule.incomplete) == 0 with input as fx.inventory([alias_dev], alias_accounts)
}

test_isolated_environments_give_no_reason if {
	count(rule.incomplete) == 0 with input as fx.inventory([prod, dev], accounts("dev-rec"))
}
