# METADATA
# title: Kinesis stream shared by instances of different environments
# description: |
#   Contact trace records and agent events of each environment belong in separate Kinesis data
#   streams or Firehose delivery streams. Fires once per stream that receives data from Amazon
#   Connect instances in two or more environments, or from an instance whose environment's tier
#   (production / non-production) differs from the tier of the stream's own account (a dev
#   instance writing into a stream in the production account that no production instance uses).
#   A stream whose account is not known, or whose account environment has no tier, is compared
#   by its instances only.
# related_resources:
#   - ref: https://docs.aws.amazon.com/connect/latest/adminguide/data-streaming.html
#     description: Data streaming for Amazon Connect (separate streams per environment)
# custom:
#   id: SCV-ENV-004
#   severity: high
#   inputs: [aws.accounts, aws.connectInstances, aws.connectInstances.storage]
#   remediation: |
#     Create a separate Kinesis stream (or Firehose) per environment for contact trace records and
#     agent events, and point each instance's data streaming at the stream of its own environment.
#   tags: [environments, isolation, data, kinesis]
package scv.rules.environments.shared_stream

import data.scv.lib.arn
import data.scv.lib.estate
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
