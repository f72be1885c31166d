# METADATA
# title: Storage target in an account of another environment, or a KMS key shared across environments
# description: |
#   Each environment keeps its contact data in its own account with its own keys. Fires once per
#   Amazon Connect instance whose storage targets (S3 bucket, Kinesis stream, Firehose, or the KMS
#   key of recordings or media streams) live in another AWS account whose environment differs from
#   the instance's, naming each; and once per KMS key that encrypts data of instances in different
#   environments. A key named by alias or id is resolved through the collected keys. Targets in
#   the instance's own account, accounts that are not known and unknown environments are left out.
# related_resources:
#   - ref: https://docs.aws.amazon.com/connect/latest/adminguide/encryption-at-rest.html
#     description: Encryption at rest in Amazon Connect (seed connect-dev-test-prod; separate storage and keys per environment)
#   - ref: https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-instances.html
#     description: Amazon Connect data storage
# custom:
#   id: SCV-ENV-006
#   severity: high
#   remediation: |
#     Point the instance's storage at a bucket, stream or Firehose in an account of its own
#     environment, and encrypt each environment's data with its own KMS key.
#   tags: [environments, isolation, data, kms]
#   inputs: [aws.connectInstances.storage, aws.s3Buckets, aws.kmsKeys, aws.accounts]
package scv.rules.environments.storage_target_other_environment

import data.scv.lib.arn
import data.scv.lib.estate
import data.scv.lib.evidence
import rego.v1

# [account, region, key reference] -> key ARNs, from the keys the collectors resolved (an alias
# names one key per region).
keys_by_reference[[a.id, key.region, ref]] contains key.arn if {
	some a in input.aws.accounts
	some key in object.get(a, "kmsKeys", [])
	some ref in key.referencedAs
}

is_key_arn(id) if {
	arn.service(id) == "kms"
	startswith(arn.resource(id), "key/")
}

key_arns(_, _, id) := {id} if is_key_arn(id)

key_arns(account_id, region, id) := keys_by_reference[[account_id, region, id]] if not is_key_arn(id)

# Storage targets with the account they live in: [kind, target, account].
targets(entry) := {t |
	some s in entry.instance.storage
	some t in (s3_targets(s) | stream_targets(s)) | key_targets(entry.account.id, entry.instance.region, s)
}

s3_targets(s) := {["S3 bucket", b, e.account.id] |
	b := arn.s3_bucket_arn(s.s3.bucket)
	e := estate.buckets_by_arn[b]
}

stream_targets(s) := {[kind, s.streamArn, acct] |
	is_string(s.streamArn)
	acct := arn.account(s.streamArn)
	kind := stream_kind(s.storageType)
}

key_targets(account_id, region, s) := {["KMS key", k, acct] |
	some id in {object.get(object.get(s, "s3", {}), "kmsKeyId", null), object.get(object.get(s, "kinesisVideo", {}), "kmsKeyId", null)}
	is_string(id)
	some k in key_arns(account_id, region, id)
	acct := arn.account(k)
}

stream_kind("KINESIS_FIREHOSE") := "Firehose"

stream_kind(t) := "Kinesis stream" if t != "KINESIS_FIREHOSE"

deny contains finding if {
	some entry in estate.instances
	environment := estate.instance_environments[entry.instance.arn]
	found := {sprintf("%s %s is in account %s (%s)", [t[0], t[1], t[2], other]) |
		some t in targets(entry)
		t[2] != entry.account.id
		evidence.account_known(t[2])
		other := estate.account_environments[t[2]]
		other != environment
	}
	count(found) > 0
	finding := {
		"msg": sprintf(
			"Amazon Connect instance %s (%s) keeps its data in another environment's account: %s. Use storage and keys of the instance's own environment.",
			[entry.instance.arn, environment, concat("; ", sort(found))],
		),
		"resource": estate.instance_ref(entry.instance.arn),
	}
}

# key ARN -> instance ARNs whose storage it encrypts.
instances_by_key[k] contains entry.instance.arn if {
	some entry in estate.instances
	some t in targets(entry)
	t[0] == "KMS key"
	k := t[1]
}

deny contains finding if {
	some k, instance_arns in instances_by_key
	known := {[i, e] | some i in instance_arns; e := estate.instance_environments[i]}
	environments := {p[1] | some p in known}
	count(environments) > 1
	finding := {
		"msg": sprintf(
			"KMS key %s encrypts data of Amazon Connect instances in %d environments (%s). Give each environment its own key.",
			[k, count(environments), concat(", ", sort([sprintf("%s in %s", [p[0], p[1]]) | some p in known]))],
		),
		"resource": estate.ref("kms-key", k, null),
		"related": [estate.instance_ref(p[0]) | some p in sort(known)],
	}
}
