# METADATA
# title: Production recording bucket readable from non-production
# description: |
#   Dev and test users must never reach production recordings. Fires once per production
#   recording bucket (the storage target of an Amazon Connect instance, in a production-tier
#   environment: its own, else its instances') whose bucket policy allows a principal of a
#   non-production account, or `*` without an `aws:PrincipalOrgID`, `aws:PrincipalAccount`,
#   `aws:SourceAccount`, `aws:SourceArn` or `aws:SourceOwner` condition.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html
#     description: Bucket policies for Amazon S3
#   - ref: https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-instances.html
#     description: IAM boundaries between environments (dev/test/prod guidance)
# custom:
#   id: SCV-ENV-005
#   severity: critical
#   remediation: |
#     Remove the statements that grant non-production accounts (or anyone) access to the production
#     recording bucket; grant only the production account's roles, and restrict `*` with an
#     aws:PrincipalOrgID or aws:PrincipalAccount condition.
#   tags: [environments, isolation, data, s3, iam]
package scv.rules.environments.production_bucket_policy

import data.scv.lib.estate
import data.scv.lib.iam
import rego.v1

scoping_keys := {"aws:principalorgid", "aws:principalaccount", "aws:sourceaccount", "aws:sourcearn", "aws:sourceowner", "aws:principalorgpaths", "aws:sourceorgid"}

scoped(stmt) if {
	some _, keys in iam.conditions(stmt)
	is_object(keys)
	some key, _ in keys
	lower(key) in scoping_keys
}

production_bucket(bucket_arn) if {
	estate.tier_of_environment(estate.bucket_environments[bucket_arn]) == "production"
}

production_bucket(bucket_arn) if {
	not estate.bucket_environments[bucket_arn]
	some instance_arn in estate.instances_by_bucket[bucket_arn]
	estate.tier_of_environment(estate.instance_environments[instance_arn]) == "production"
}

grants(bucket) := {g |
	is_object(bucket.policy)
	some stmt in bucket.policy.Statement
	iam.is_allow(stmt)
	some g in statement_grants(stmt)
}

statement_grants(stmt) := {"*" | iam.allows_any_principal(stmt); not scoped(stmt)} | {acct |
	some acct in iam.principal_accounts(stmt)
	acct != "*"
	environment := estate.account_environments[acct]
	estate.tier_of_environment(environment) == "non-production"
}

deny contains finding if {
	some bucket_arn in estate.recording_bucket_arns
	production_bucket(bucket_arn)
	found := grants(estate.buckets_by_arn[bucket_arn].bucket)
	count(found) > 0
	finding := {
		"msg": sprintf(
			"The policy of production recording bucket %s grants %s. Dev and test must never access production recordings: remove these grants and allow only production principals.",
			[bucket_arn, concat(", ", sort([grant_text(g) | some g in found]))],
		),
		"resource": estate.bucket_ref(bucket_arn),
		"related": [estate.account_ref(g) | some g in sort(found); g != "*"],
	}
}

grant_text(g) := "any principal (*) without an organization or account condition" if g == "*"

grant_text(g) := sprintf("non-production account %s (%s)", [g, estate.account_environments[g]]) if g != "*"
