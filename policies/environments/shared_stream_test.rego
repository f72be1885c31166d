package scv.test.rules.environments.shared_stream

import data.scv.test.fixtures as fx
import data.scv.rules.environments.shared_stream as rule
import rego.v1

stream := "arn:aws:kinesis:us-east-1:111111111111:stream/ctr"

inst(account, id, environment, stream_arn) := object.union(fx.instance(account, id, environment), {"storage": [fx.stream_storage("CONTACT_TRACE_RECORDS", stream_arn)]})

test_separate_streams_pass if {
	accounts := [
		fx.account_with("111111111111", "prod", [inst("111111111111", "i-prod", "prod", stream)], [], []),
		fx.account_with("222222222222", "dev", [inst("222222222222", "i-dev", "dev", "arn:aws:kinesis:us-east-1:222222222222:stream/ctr")], [], []),
	]
	count(rule.deny) == 0 with input as fx.inventory([], accounts)
}

test_shared_stream_fires if {
	accounts := [
		fx.account_with("111111111111", "prod", [inst("111111111111", "i-prod", "prod", stream)], [], []),
		fx.account_with("222222222222", "uat", [inst("222222222222", "i-uat", "uat", stream)], [], []),
	]
	findings := rule.deny with input as fx.inventory([], accounts)
	count(findings) == 1
	some f in findings
	f.resource == {"type": "kinesis-stream", "id": stream}
	count(f.related) == 2
	fx.mentions(f.msg, "receives data from Amazon Connect instances in 2 environments (arn:aws:connect:us-east-1:111111111111:instance/i-prod in prod")
	fx.mentions(f.msg, "Use a separate Kinesis stream per environment")
}

test_firehose_counts_too if {
	firehose := "arn:aws:firehose:us-east-1:111111111111:deliverystream/agent-events"
	storage := {"resourceType": "AGENT_EVENTS", "storageType": "KINESIS_FIREHOSE", "s3": null, "streamArn": firehose}
	accounts := [
		fx.account_with("111111111111", "prod", [object.union(fx.instance("111111111111", "i-prod", "prod"), {"storage": [storage]})], [], []),
		fx.account_with("222222222222", "dev", [object.union(fx.instance("222222222222", "i-dev", "dev"), {"storage": [storage]})], [], []),
	]
	fx.resource_ids(rule.deny) == {firehose} with input as fx.inventory([], accounts)
}

test_dev_instance_writing_into_a_prod_account_stream_fires if {
	accounts := [
		fx.account_with("111111111111", "prod", [], [], []),
		fx.account_with("222222222222", "dev", [inst("222222222222", "i-dev", "dev", stream)], [], []),
	]
	findings := rule.deny with input as fx.inventory([], accounts)
	count(findings) == 1
	some f in findings
	f.resource == {"type": "kinesis-stream", "id": stream, "environment": "prod"}
	fx.mentions(f.msg, "lives in account 111111111111 of environment prod (production) but receives data from Amazon Connect instances of another tier (arn:aws:connect:us-east-1:222222222222:instance/i-dev in dev)")
}

test_stream_in_a_shared_account_of_the_same_tier_passes if {
	accounts := [
		fx.account_with("111111111111", "uat", [], [], []),
		fx.account_with("222222222222", "dev", [inst("222222222222", "i-dev", "dev", stream)], [], []),
	]
	count(rule.deny) == 0 with input as fx.inventory([], accounts)
	# An account outside the inventory is not compared.
	count(rule.deny) == 0 with input as fx.inventory([], [fx.account_with("222222222222", "dev", [inst("222222222222", "i-dev", "dev", stream)], [], [])])
}
