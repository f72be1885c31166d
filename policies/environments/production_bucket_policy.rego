# METADATA
# title: Production recording bucket readable from non-production
# description: |
#   Dev and test users must never reach production recordings. Fires once per production
#   recording bucket (the storage target of an Amazon Connect instance, in a production-tier
#   environment: its own, else its instances') whose bucket policy allows a principal of a
#   non-production account (as principal, or as the `aws:PrincipalAccount`, `aws:SourceAccount`,
#   `aws:SourceOwner`, `aws:SourceArn` or `aws:PrincipalArn` condition of a `*` or service
#   principal), or
#   `*` (or `NotPrincipal`) without an organization or account condition that restricts it:
#   negated, `...IfExists`, `ForAllValues:` and `Null` tests and bare wildcards do not.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html
#     description: Bucket policies for Amazon S3
#   - ref: https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-instances.html
#     description: IAM boundaries between environments (dev/test/prod guidance)
# custom:
#   id: SCV-ENV-005
#   severity: critical
#   inputs: [aws.connectInstances.storage, aws.s3Buckets, aws.s3Buckets.policy]
#   remediation: |
#     Remove the statements that grant non-production accounts (or anyone) access to the production
#     recording bucket; grant only the production account's roles, and restrict `*` with an
#     aws:PrincipalOrgID or aws:PrincipalAccount condition.
#   tags: [environments, isolation, data, s3, iam]
package scv.rules.environments.production_bucket_policy

import data.scv.lib.arn
import data.scv.lib.estate
import data.scv.lib.iam
import rego.v1

scoping_keys := {"aws:principalorgid", "aws:principalaccount", "aws:sourceaccount", "aws:sourcearn", "aws:sourceowner", "aws:principalorgpaths", "aws:sourceorgid", "aws:principalarn", "aws:sourceorgpaths"}

# Condition keys whose values name an account (by id or by an ARN in it).
account_keys := {"aws:principalaccount", "aws:sourceaccount", "aws:sourceowner", "aws:sourcearn", "aws:principalarn"}

# Operators that restrict a key to the listed values: not negated (`StringNotEquals` only excludes),
# not `...IfExists` or `ForAllValues:` (both pass when the key is absent), not `Null`.
restricting(op) if {
	not startswith(lower(op), "forallvalues:")
	not endswith(lower(op), "ifexists")
	iam.operator_base(op) in {"stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"}
}

# The values a statement restricts scoping keys to: [{key, values}].
scoping_tests(stmt) := [{"key": lower(key), "values": iam.as_list(v)} |
	some op, keys in iam.conditions(stmt)
	restricting(op)
	is_object(keys)
	some key, v in keys
	lower(key) in scoping_keys
]

# A wildcard alone (`*`, `?*`, ...) restricts nothing.
narrowing(values) if {
	count(values) > 0
	every v in values {
		is_string(v)
		not regex.match(`^[*?]*$`, v)
	}
}

scoped(stmt) if {
	some t in scoping_tests(stmt)
	narrowing(t.values)
}

# Accounts a `*` statement is scoped to by its account conditions.
condition_accounts(stmt) := {acct |
	some t in scoping_tests(stmt)
	t.key in account_keys
	some v in t.values
	acct := arn.principal_account(v)
}

# An Allow with NotPrincipal grants everyone but the listed principals: any principal.
any_principal(stmt) if iam.allows_any_principal(stmt)

any_principal(stmt) if object.get(stmt, "NotPrincipal", null) != null

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

statement_grants(stmt) := {"*" | any_principal(stmt); not scoped(stmt)} | {acct |
	some acct in granted_accounts(stmt)
	environment := estate.account_environments[acct]
	estate.tier_of_environment(environment) == "non-production"
}

# Accounts a statement names: as principals, or as the account condition of a `*` or service
# principal (a service such as connect.amazonaws.com acting for that account's resources).
granted_accounts(stmt) := {acct | some acct in iam.principal_accounts(stmt); acct != "*"} | {acct |
	acts_for_condition_account(stmt)
	some acct in condition_accounts(stmt)
}

acts_for_condition_account(stmt) if any_principal(stmt)

acts_for_condition_account(stmt) if {
	principal := object.get(stmt, "Principal", null)
	is_object(principal)
	count(iam.as_list(object.get(principal, "Service", []))) > 0
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
