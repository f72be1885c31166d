# METADATA
# title: Kinesis stream shared by instances of different environments
# description: |
#   Contact trace records and agent events of each environment belong in separate Kinesis data
#   streams or Firehose delivery streams. Fires once per stream that receives data from Amazon
#   Connect instances in two or more environments; once per Firehose destination (bucket, domain,
#   endpoint) into which Firehoses deliver data of instances in two or more environments, whether
#   an instance writes to the Firehose or to the Kinesis stream it reads; and once per Kinesis
#   Video Streams prefix (account, region, prefix) that media streams of instances in two or more
#   environments use.
# related_resources:
#   - ref: https://docs.aws.amazon.com/connect/latest/adminguide/data-streaming.html
#     description: Data streaming for Amazon Connect (separate streams per environment)
# custom:
#   id: SCV-ENV-004
#   severity: high
#   inputs: [aws.connectInstances, aws.connectInstances.storage, aws.firehoseStreams]
#   remediation: |
#     Create a separate Kinesis stream (or Firehose) per environment for contact trace records and
#     agent events, and point each instance's data streaming at the stream of its own environment.
#   tags: [environments, isolation, data, kinesis]
package scv.rules.environments.shared_stream

import data.scv.lib.estate
import data.scv.lib.evidence
import rego.v1

deny contains finding if {
	some stream_arn, instance_arns in estate.instances_by_stream
	known := {[arn_, e] | some arn_ in instance_arns; e := estate.instance_environments[arn_]}
	environments := {p[1] | some p in known}
	count(environments) > 1
	finding := {
		"msg": sprintf(
			"Stream %s receives data from Amazon Connect instances in %d environments (%s). Use a separate Kinesis stream per environment.",
			[stream_arn, count(environments), concat(", ", sort([sprintf("%s in %s", [p[0], p[1]]) | some p in known]))],
		),
		"resource": estate.ref("kinesis-stream", stream_arn, null),
		"related": [estate.instance_ref(p[0]) | some p in sort(known)],
	}
}

# Firehoses deliver what they receive: instances of different environments whose streamed data
# Firehoses deliver into the same destination (a bucket, domain or endpoint) share it.
deny contains finding if {
	some target, instance_arns in evidence.instances_by_delivery_target
	known := {[a, e] | some a in instance_arns; e := estate.instance_environments[a]}
	environments := {p[1] | some p in known}
	count(environments) > 1
	firehoses := evidence.firehoses_by_delivery_target[target]
	finding := {
		"msg": sprintf(
			"Firehose destination %s receives data from Amazon Connect instances in %d environments (%s) through %s. Use a separate Firehose and destination per environment.",
			[target, count(environments), concat(", ", sort([sprintf("%s in %s", [p[0], p[1]]) | some p in known])), concat(", ", sort(firehoses))],
		),
		"resource": estate.ref("firehose-destination", target, null),
		"related": [estate.instance_ref(p[0]) | some p in sort(known)],
	}
}

# Media streams: instances of different environments streaming under one Kinesis Video Streams
# prefix in one account and region.
deny contains finding if {
	some key, instance_arns in evidence.instances_by_video_prefix
	known := {[a, e] | some a in instance_arns; e := estate.instance_environments[a]}
	environments := {p[1] | some p in known}
	count(environments) > 1
	finding := {
		"msg": sprintf(
			"Kinesis Video Streams prefix %s (account %s, %s) receives media streams of Amazon Connect instances in %d environments (%s). Use a separate prefix per environment.",
			[key[2], key[0], key[1], count(environments), concat(", ", sort([sprintf("%s in %s", [p[0], p[1]]) | some p in known]))],
		),
		"resource": estate.ref("kinesis-video-prefix", sprintf("%s/%s/%s", key), null),
		"related": [estate.instance_ref(p[0]) | some p in sort(known)],
	}
}
