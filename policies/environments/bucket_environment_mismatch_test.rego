package scv.test.rules.environments.bucket_environment_mismatch

import data.scv.test.fixtures as fx
import data.scv.rules.environments.bucket_environment_mismatch as rule
import rego.v1

instance := object.union(fx.instance("222222222222", "i-dev", "dev"), {"storage": [fx.s3_storage("CALL_RECORDINGS", "rec")]})

inv(bucket) := fx.inventory([], [fx.account_with("222222222222", "dev", [instance], [], [bucket])])

test_bucket_of_same_environment_passes if {
	count(rule.deny) == 0 with input as inv(fx.bucket("rec", "dev"))
}

test_bucket_of_other_environment_fires if {
	findings := rule.deny with input as inv(fx.bucket("rec", "prod"))
	count(findings) == 1
	some f in findings
	f.resource == {"type": "s3-bucket", "id": "arn:aws:s3:::rec", "environment": "prod"}
	fx.mentions(f.msg, "belongs to environment prod but stores data of Amazon Connect instance arn:aws:connect:us-east-1:222222222222:instance/i-dev (dev)")
	fx.mentions(f.msg, "Point each instance at a bucket of its own environment")
}

test_bucket_environment_from_tag if {
	tagged := object.union(fx.bucket("rec", null), {"tags": {"Environment": "uat"}})
	count(rule.deny) == 1 with input as inv(tagged)
}

test_bucket_without_own_environment_no_guess if {
	count(rule.deny) == 0 with input as inv(fx.bucket("rec", null))
}

test_bucket_not_in_inventory_no_guess if {
	count(rule.deny) == 0 with input as fx.inventory([], [fx.account_with("222222222222", "dev", [instance], [], [])])
}

# The prod instance stores in a bucket of the dev account that inherits the account's environment.
test_environment_inherited_from_account_does_not_count if {
	prod_instance := object.union(fx.instance("111111111111", "i-prod", "prod"), {"storage": [fx.s3_storage("CALL_RECORDINGS", "rec")]})
	inherited := fx.bucket("rec", "dev")
	count(rule.deny) == 0 with input as fx.inventory([], [
		fx.account_with("111111111111", "prod", [prod_instance], [], []),
		fx.account_with("222222222222", "dev", [], [], [inherited]),
	])
	tagged := object.union(inherited, {"tags": {"Environment": "dev"}})
	count(rule.deny) == 1 with input as fx.inventory([], [
		fx.account_with("111111111111", "prod", [prod_instance], [], []),
		fx.account_with("222222222222", "dev", [], [], [tagged]),
	])
}
