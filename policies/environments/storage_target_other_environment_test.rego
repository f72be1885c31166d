package scv.test.rules.environments.storage_target_other_environment

import data.scv.rules.environments.storage_target_other_environment as rule
import data.scv.test.fixtures as fx
import rego.v1

prod := "111111111111"

uat := "222222222222"

key(account, id) := sprintf("arn:aws:kms:us-east-1:%s:key/%s", [account, id])

rec(bucket, kms_key) := {"resourceType": "CALL_RECORDINGS", "storageType": "S3", "s3": {"bucket": bucket, "prefix": null, "kmsKeyId": kms_key}, "streamArn": null}

instance(account, id, environment, storage) := object.union(fx.instance(account, id, environment), {"storage": storage})

test_bucket_in_uat_account_fires_for_prod_instance if {
	inventory := fx.inventory([], [
		fx.account_with(prod, "prod", [instance(prod, "i-1", "prod", [rec("shared-rec", null)])], [], []),
		fx.account_with(uat, "uat", [], [], [fx.bucket("shared-rec", "uat")]),
	])
	findings := rule.deny with input as inventory
	count(findings) == 1
	some f in findings
	f.resource.id == fx.instance_arn(prod, "i-1")
	fx.mentions(f.msg, "S3 bucket arn:aws:s3:::shared-rec is in account 222222222222 (uat)")
}

test_stream_and_key_of_another_environment_fire if {
	storage := [
		fx.stream_storage("CONTACT_TRACE_RECORDS", sprintf("arn:aws:kinesis:us-east-1:%s:stream/ctr", [uat])),
		rec("own-rec", key(uat, "k1")),
	]
	inventory := fx.inventory([], [
		fx.account_with(prod, "prod", [instance(prod, "i-1", "prod", storage)], [], [fx.bucket("own-rec", "prod")]),
		fx.account(uat, "uat"),
	])
	findings := rule.deny with input as inventory
	some f in findings
	fx.mentions(f.msg, "Kinesis stream arn:aws:kinesis:us-east-1:222222222222:stream/ctr is in account 222222222222 (uat)")
	fx.mentions(f.msg, "KMS key arn:aws:kms:us-east-1:222222222222:key/k1 is in account 222222222222 (uat)")
}

test_key_shared_by_environments_fires_once if {
	k := key(prod, "shared")
	inventory := fx.inventory([], [
		fx.account_with(prod, "prod", [instance(prod, "i-1", "prod", [rec("a", k)]), instance(prod, "i-2", "uat", [rec("b", "alias/recordings")])], [], []),
	])
	with_keys := object.union(inventory, {"aws": {"accounts": [object.union(inventory.aws.accounts[0], {"kmsKeys": [{"arn": k, "accountId": prod, "region": "us-east-1", "referencedAs": [k, "alias/recordings"], "policy": null}]})]}})
	findings := rule.deny with input as with_keys
	count(findings) == 1
	some f in findings
	f.resource == {"type": "kms-key", "id": k}
	fx.mentions(f.msg, "in 2 environments")
}

test_own_account_targets_pass if {
	inventory := fx.inventory([], [
		fx.account_with(prod, "prod", [instance(prod, "i-1", "prod", [rec("own-rec", key(prod, "k"))])], [], [fx.bucket("own-rec", "prod")]),
		fx.account_with(uat, "uat", [instance(uat, "i-2", "uat", [rec("uat-rec", key(uat, "k"))])], [], [fx.bucket("uat-rec", "uat")]),
	])
	count(rule.deny) == 0 with input as inventory
}

test_unknown_environment_no_guess if {
	inventory := fx.inventory([], [
		fx.account_with(prod, null, [instance(prod, "i-1", null, [rec("x", key(uat, "k"))])], [], []),
		fx.account(uat, "uat"),
	])
	count(rule.deny) == 0 with input as inventory
}

test_one_alias_in_two_regions_resolves_per_region if {
	k_east := key(prod, "east")
	k_west := "arn:aws:kms:us-west-2:111111111111:key/west"
	keys := [
		{"arn": k_east, "accountId": prod, "region": "us-east-1", "referencedAs": ["alias/rec"], "policy": null},
		{"arn": k_west, "accountId": prod, "region": "us-west-2", "referencedAs": ["alias/rec"], "policy": null},
	]
	west := object.union(instance(prod, "i-2", "uat", [rec("b", "alias/rec")]), {"region": "us-west-2"})
	account := object.union(fx.account_with(prod, "prod", [instance(prod, "i-1", "prod", [rec("a", "alias/rec")]), west], [], []), {"kmsKeys": keys})
	count(rule.deny) == 0 with input as fx.inventory([], [account])
}
