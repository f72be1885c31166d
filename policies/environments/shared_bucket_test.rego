package scv.test.rules.environments.shared_bucket

import data.scv.test.fixtures as fx
import data.scv.rules.environments.shared_bucket as rule
import rego.v1

inst(account, id, environment, bucket) := object.union(fx.instance(account, id, environment), {"storage": [fx.s3_storage("CALL_RECORDINGS", bucket)]})

inv(dev_bucket) := fx.inventory([], [
	fx.account_with("111111111111", "prod", [inst("111111111111", "i-prod", "prod", "prod-rec")], [], []),
	fx.account_with("222222222222", "dev", [inst("222222222222", "i-dev", "dev", dev_bucket)], [], []),
])

test_separate_buckets_pass if {
	count(rule.deny) == 0 with input as inv("dev-rec")
}

test_shared_bucket_fires if {
	findings := rule.deny with input as inv("prod-rec")
	count(findings) == 1
	some f in findings
	f.resource.id == "arn:aws:s3:::prod-rec"
	{r.id | some r in f.related} == {"arn:aws:connect:us-east-1:111111111111:instance/i-prod", "arn:aws:connect:us-east-1:222222222222:instance/i-dev"}
	fx.mentions(f.msg, "stores data of Amazon Connect instances in 2 environments")
	fx.mentions(f.msg, "Use a separate bucket per environment")
}

test_same_environment_sharing_passes if {
	accounts := [fx.account_with("111111111111", "prod", [inst("111111111111", "i-1", "prod", "rec"), inst("111111111111", "i-2", "prod", "rec")], [], [])]
	count(rule.deny) == 0 with input as fx.inventory([], accounts)
}

test_unknown_environment_is_left_out if {
	unknown := object.union(fx.account("333333333333", null), {"connectInstances": [inst("333333333333", "i-x", null, "prod-rec")]})
	accounts := [fx.account_with("111111111111", "prod", [inst("111111111111", "i-prod", "prod", "prod-rec")], [], []), unknown]
	count(rule.deny) == 0 with input as fx.inventory([], accounts)
}

# A plan that points the dev instance at the prod bucket: the finding names the planned storage
# config's declaration, so the report shows it there.
test_shared_bucket_names_the_planned_storage_config if {
	planned := {"file": "plan.json", "line": 42, "column": 7}
	dev := object.union(fx.instance("222222222222", "i-dev", "dev"), {"storage": [object.union(fx.s3_storage("CALL_RECORDINGS", "prod-rec"), {"origin": planned})]})
	accounts := [
		fx.account_with("111111111111", "prod", [inst("111111111111", "i-prod", "prod", "prod-rec")], [], []),
		fx.account_with("222222222222", "dev", [dev], [], []),
	]
	findings := rule.deny with input as fx.inventory([], accounts)
	some f in findings
	f.origins == [planned]
	fs := rule.deny with input as inv("prod-rec")
	some g in fs
	g.origins == []
}
