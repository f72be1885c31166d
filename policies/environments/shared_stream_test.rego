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

firehose(account, name, source, target) := {
	"arn": sprintf("arn:aws:firehose:us-east-1:%s:deliverystream/%s", [account, name]), "name": name, "region": "us-east-1", "environment": null,
	"sourceStreamArn": source, "kmsKeyArn": null, "destinations": [{"type": "ExtendedS3", "target": target}],
}

firehose_storage(arn) := {"resourceType": "AGENT_EVENTS", "storageType": "KINESIS_FIREHOSE", "s3": null, "streamArn": arn}

test_firehoses_delivering_two_environments_into_one_bucket_fire if {
	fh_prod := firehose("111111111111", "ae-prod", null, "arn:aws:s3:::events")
	fh_dev := firehose("222222222222", "ctr-dev", "arn:aws:kinesis:us-east-1:222222222222:stream/ctr", "arn:aws:s3:::events")
	accounts := [
		object.union(fx.account_with("111111111111", "prod", [object.union(fx.instance("111111111111", "i-prod", "prod"), {"storage": [firehose_storage(fh_prod.arn)]})], [], []), {"firehoseStreams": [fh_prod]}),
		object.union(fx.account_with("222222222222", "dev", [inst("222222222222", "i-dev", "dev", "arn:aws:kinesis:us-east-1:222222222222:stream/ctr")], [], []), {"firehoseStreams": [fh_dev]}),
	]
	findings := rule.deny with input as fx.inventory([], accounts)
	count(findings) == 1
	some f in findings
	f.resource == {"type": "firehose-destination", "id": "arn:aws:s3:::events"}
	fx.mentions(f.msg, "through arn:aws:firehose:us-east-1:111111111111:deliverystream/ae-prod, arn:aws:firehose:us-east-1:222222222222:deliverystream/ctr-dev")
}

test_firehoses_of_one_environment_pass if {
	fh := firehose("111111111111", "ae", null, "arn:aws:s3:::events")
	accounts := [object.union(fx.account_with("111111111111", "prod", [object.union(fx.instance("111111111111", "i-1", "prod"), {"storage": [firehose_storage(fh.arn)]}), object.union(fx.instance("111111111111", "i-2", "prod"), {"storage": [firehose_storage(fh.arn)]})], [], []), {"firehoseStreams": [fh]})]
	count(rule.deny) == 0 with input as fx.inventory([], accounts)
}

video(prefix) := {"resourceType": "MEDIA_STREAMS", "storageType": "KINESIS_VIDEO_STREAM", "s3": null, "streamArn": null, "kinesisVideo": {"prefix": prefix, "retentionHours": 24, "kmsKeyId": null}}

test_video_prefix_shared_by_environments_fires if {
	accounts := [fx.account_with("111111111111", "prod", [
		object.union(fx.instance("111111111111", "i-prod", "prod"), {"storage": [video("media")]}),
		object.union(fx.instance("111111111111", "i-uat", "uat"), {"storage": [video("media")]}),
	], [], [])]
	findings := rule.deny with input as fx.inventory([], accounts)
	count(findings) == 1
	some f in findings
	f.resource == {"type": "kinesis-video-prefix", "id": "111111111111/us-east-1/media"}
}

test_separate_video_prefixes_pass if {
	accounts := [fx.account_with("111111111111", "prod", [
		object.union(fx.instance("111111111111", "i-prod", "prod"), {"storage": [video("media-prod")]}),
		object.union(fx.instance("111111111111", "i-uat", "uat"), {"storage": [video("media-uat")]}),
	], [], [])]
	count(rule.deny) == 0 with input as fx.inventory([], accounts)
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
