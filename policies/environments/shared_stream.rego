# METADATA
# title: Kinesis stream shared by instances of different environments
# description: |
#   Contact trace records and agent events of each environment belong in separate Kinesis data
#   streams or Firehose delivery streams. Fires once per stream that receives data from Amazon
#   Connect instances in two or more environments; once per Firehose destination (bucket, domain,
#   endpoint) into which Firehoses deliver data of instances in two or more environments, whether
#   an instance writes to the Firehose or to the Kinesis stream it reads; and once per Kinesis
#   Video Streams prefix (account, region, prefix) that media streams of instances in two or more
#   environments use;
#   and from an instance whose environment's tier (production / non-production) differs from the
#   tier of the stream's own account (a dev instance writing into a stream in the production
#   account that no production instance uses). A stream whose account is not known, or whose
#   account environment has no tier, is compared by its instances only.
# related_resources:
#   - ref: https://docs.aws.amazon.com/connect/latest/adminguide/data-streaming.html
#     description: Data streaming for Amazon Connect (separate streams per environment)
# custom:
#   id: SCV-ENV-004
#   severity: high
#   inputs: [aws.accounts, aws.connectInstances, aws.connectInstances.storage, aws.firehoseStreams]
#   remediation: |
#     Create a separate Kinesis stream (or Firehose) per environment for contact trace records and
#     agent events, and point each instance's data streaming at the stream of its own environment.
#   tags: [environments, isolation, data, kinesis]
package scv.rules.environments.shared_stream

import data.scv.lib.arn
import data.scv.lib.estate
import data.scv.lib.evidence
import rego.v1

# The environment of the account a stream lives in, when that account is known and has a tier.
stream_account_environment(stream_arn) := e if {
	acct := arn.account(stream_arn)
	estate.account_known(acct)
	e := estate.account_environments[acct]
	estate.tier_of_environment(e)
}

# Instances writing into a stream of an account of the other tier.
cross_tier(known, account_env) := {p |
	some p in known
	estate.tier_of_environment(p[1]) != estate.tier_of_environment(account_env)
}

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

deny contains finding if {
	some stream_arn, instance_arns in estate.instances_by_stream
	known := {[arn_, e] | some arn_ in instance_arns; e := estate.instance_environments[arn_]}
	count({p[1] | some p in known}) == 1
	account_env := stream_account_environment(stream_arn)
	crossing := cross_tier(known, account_env)
	count(crossing) > 0
	finding := {
		"msg": sprintf(
			"Stream %s lives in account %s of environment %s (%s) but receives data from Amazon Connect instances of another tier (%s). Create a stream in an account of the instance's own environment and point its data streaming there.",
			[stream_arn, arn.account(stream_arn), account_env, estate.tier_of_environment(account_env), concat(", ", sort([sprintf("%s in %s", [p[0], p[1]]) | some p in crossing]))],
		),
		"resource": estate.ref("kinesis-stream", stream_arn, account_env),
		"related": array.concat([estate.account_ref(arn.account(stream_arn))], [estate.instance_ref(p[0]) | some p in sort(crossing)]),
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
