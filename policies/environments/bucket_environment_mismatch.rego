# METADATA
# title: Storage bucket belongs to another environment than its instance
# description: |
#   Fires once per S3 bucket whose own environment (its environment tag, or a config mapping that
#   differs from its account's environment) differs from the environment of an Amazon Connect
#   instance that stores data in it. An environment inherited from the bucket's account does not
#   count (a bucket in an account of another environment is SCV-ENV-006's). A bucket that is not
#   in the inventory, or has no environment of its own, is left out.
# related_resources:
#   - ref: https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-instances.html
#     description: Data isolation per environment (dev/test/prod guidance)
# custom:
#   id: SCV-ENV-003
#   severity: high
#   inputs: [aws.connectInstances, aws.connectInstances.storage, aws.s3Buckets, aws.s3Buckets.tags]
#   remediation: |
#     Point the instance's data storage at a bucket of its own environment, or correct the bucket's
#     environment tag if it is wrong.
#   tags: [environments, isolation, data, s3]
package scv.rules.environments.bucket_environment_mismatch

import data.scv.lib.env
import data.scv.lib.estate
import rego.v1

# A bucket's own environment: its environment tag, or an environment the inventory gives it that
# is not its account's (a config mapping). One equal to its account's environment without a tag
# is inherited: a bucket in another environment's account is SCV-ENV-006's.
own_environment(_, bucket) := v if v := env.tagged(object.get(bucket, "tags", {}))

own_environment(acct, bucket) := bucket.environment if {
	not env.tagged(object.get(bucket, "tags", {}))
	is_string(object.get(bucket, "environment", null))
	not inherited(acct, bucket)
}

inherited(acct, bucket) if bucket.environment == env.account_environment(acct)

deny contains finding if {
	some bucket_arn, instance_arns in estate.instances_by_bucket
	located := estate.buckets_by_arn[bucket_arn]
	bucket_env := own_environment(located.account, located.bucket)
	mismatched := {[arn_, e] |
		some arn_ in instance_arns
		e := estate.instance_environments[arn_]
		e != bucket_env
	}
	count(mismatched) > 0
	finding := {
		"msg": sprintf(
			"S3 bucket %s belongs to environment %s but stores data of Amazon Connect instance %s. Point each instance at a bucket of its own environment.",
			[bucket_arn, bucket_env, concat(", ", sort([sprintf("%s (%s)", [p[0], p[1]]) | some p in mismatched]))],
		),
		"resource": estate.ref("s3-bucket", bucket_arn, bucket_env),
		"related": [estate.instance_ref(p[0]) | some p in sort(mismatched)],
		"origins": estate.storage_origins(bucket_arn, {p[0] | some p in mismatched}),
	}
}
