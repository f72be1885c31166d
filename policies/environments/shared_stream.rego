# METADATA
# title: Kinesis stream shared by instances of different environments
# description: |
#   Contact trace records and agent events of each environment belong in separate Kinesis data
#   streams or Firehose delivery streams. Fires once per stream that receives data from Amazon
#   Connect instances in two or more environments.
# related_resources:
#   - ref: https://docs.aws.amazon.com/connect/latest/adminguide/data-streaming.html
#     description: Data streaming for Amazon Connect (separate streams per environment)
# custom:
#   id: SCV-ENV-004
#   severity: high
#   inputs: [aws.connectInstances, aws.connectInstances.storage]
#   remediation: |
#     Create a separate Kinesis stream (or Firehose) per environment for contact trace records and
#     agent events, and point each instance's data streaming at the stream of its own environment.
#   tags: [environments, isolation, data, kinesis]
package scv.rules.environments.shared_stream

import data.scv.lib.estate
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
		"origins": estate.storage_origins(stream_arn, instance_arns),
	}
}
