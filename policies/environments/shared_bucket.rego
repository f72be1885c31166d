# METADATA
# title: S3 bucket shared by instances of different environments
# description: |
#   Call recordings, transcripts, reports and attachments of each environment belong in separate
#   S3 buckets. Fires once per bucket that is the storage target of Amazon Connect instances in
#   two or more environments (instances with an unknown environment are left out).
# related_resources:
#   - ref: https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-instances.html
#     description: Data isolation per environment (dev/test/prod guidance)
# custom:
#   id: SCV-ENV-002
#   severity: critical
#   inputs: [aws.connectInstances, aws.connectInstances.storage]
#   remediation: |
#     Give each environment its own bucket (e.g. connect-dev-recordings, connect-test-recordings,
#     connect-prod-recordings) and point each instance's data storage at the bucket of its own
#     environment.
#   tags: [environments, isolation, data, s3]
package scv.rules.environments.shared_bucket

import data.scv.lib.estate
import rego.v1

deny contains finding if {
	some bucket_arn, instance_arns in estate.instances_by_bucket
	known := {[arn_, e] | some arn_ in instance_arns; e := estate.instance_environments[arn_]}
	environments := {p[1] | some p in known}
	count(environments) > 1
	finding := {
		"msg": sprintf(
			"S3 bucket %s stores data of Amazon Connect instances in %d environments (%s). Use a separate bucket per environment and point each instance at the bucket of its own environment.",
			[bucket_arn, count(environments), concat(", ", sort([sprintf("%s in %s", [p[0], p[1]]) | some p in known]))],
		),
		"resource": estate.bucket_ref(bucket_arn),
		"related": [estate.instance_ref(p[0]) | some p in sort(known)],
		"origins": estate.storage_origins(bucket_arn, instance_arns),
	}
}
