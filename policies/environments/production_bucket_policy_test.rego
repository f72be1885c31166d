package scv.test.rules.environments.production_bucket_policy

import data.scv.test.fixtures as fx
import data.scv.rules.environments.production_bucket_policy as rule
import rego.v1

instance := object.union(fx.instance("111111111111", "i-prod", "prod"), {"storage": [fx.s3_storage("CALL_RECORDINGS", "prod-rec")]})

policy(statements) := {"Version": "2012-10-17", "Statement": statements}

grant(principal) := {"Effect": "Allow", "Principal": principal, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::prod-rec/*"}

inv(bucket_env, statements) := fx.inventory([], [
	fx.account_with("111111111111", "prod", [instance], [], [object.union(fx.bucket("prod-rec", bucket_env), {"policy": policy(statements)})]),
	fx.account("222222222222", "dev"),
	fx.account("333333333333", "prod"),
])

test_production_principals_pass if {
	count(rule.deny) == 0 with input as inv("prod", [grant({"AWS": "arn:aws:iam::333333333333:root"}), grant({"Service": "connect.amazonaws.com"})])
}

test_non_production_account_fires if {
	findings := rule.deny with input as inv("prod", [grant({"AWS": "arn:aws:iam::222222222222:role/dev-analyst"})])
	count(findings) == 1
	some f in findings
	f.resource == {"type": "s3-bucket", "id": "arn:aws:s3:::prod-rec", "environment": "prod"}
	f.related == [{"type": "aws-account", "id": "222222222222", "environment": "dev"}]
	fx.mentions(f.msg, "grants non-production account 222222222222 (dev)")
	fx.mentions(f.msg, "Dev and test must never access production recordings")
}

test_principal_as_plain_account_id_string if {
	count(rule.deny) == 1 with input as inv("prod", [grant({"AWS": ["333333333333", "222222222222"]})])
}

test_star_without_condition_fires if {
	findings := rule.deny with input as inv("prod", [grant("*")])
	some f in findings
	fx.mentions(f.msg, "any principal (*) without an organization or account condition")
}

test_star_with_org_condition_passes if {
	stmt := object.union(grant({"AWS": "*"}), {"Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}})
	count(rule.deny) == 0 with input as inv("prod", [stmt])
}

test_non_production_bucket_is_not_this_rule if {
	count(rule.deny) == 0 with input as inv("dev", [grant("*")])
}

test_bucket_environment_from_instance_when_unknown if {
	unknown := fx.inventory([], [object.union(fx.account("111111111111", null), {"connectInstances": [instance], "s3Buckets": [object.union(fx.bucket("prod-rec", null), {"policy": policy([grant("*")])})]}), fx.account("222222222222", "dev")])
	count(rule.deny) == 1 with input as unknown
}

test_deny_statement_ignored if {
	stmt := object.union(grant("*"), {"Effect": "Deny"})
	count(rule.deny) == 0 with input as inv("prod", [stmt])
}

test_star_with_negated_org_condition_fires if {
	stmt := object.union(grant({"AWS": "*"}), {"Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-other"}}})
	findings := rule.deny with input as inv("prod", [stmt])
	some f in findings
	fx.mentions(f.msg, "any principal (*) without an organization or account condition")
}

test_star_with_if_exists_or_wildcard_condition_fires if {
	if_exists := object.union(grant("*"), {"Condition": {"StringEqualsIfExists": {"aws:PrincipalOrgID": "o-abc"}}})
	count(rule.deny) == 1 with input as inv("prod", [if_exists])
	wildcard := object.union(grant("*"), {"Condition": {"StringLike": {"aws:PrincipalAccount": "*"}}})
	count(rule.deny) == 1 with input as inv("prod", [wildcard])
}

test_star_scoped_to_non_production_account_fires if {
	stmt := object.union(grant({"AWS": "*"}), {"Condition": {"stringequals": {"AWS:PrincipalAccount": ["333333333333", "222222222222"]}}})
	findings := rule.deny with input as inv("prod", [stmt])
	count(findings) == 1
	some f in findings
	f.related == [{"type": "aws-account", "id": "222222222222", "environment": "dev"}]
	fx.mentions(f.msg, "grants non-production account 222222222222 (dev)")
	not fx.mentions(f.msg, "any principal")
}

test_star_scoped_by_source_arn_of_non_production_account_fires if {
	stmt := object.union(grant("*"), {"Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:connect:us-east-1:222222222222:instance/*"}}})
	findings := rule.deny with input as inv("prod", [stmt])
	some f in findings
	fx.mentions(f.msg, "grants non-production account 222222222222 (dev)")
}

test_star_scoped_to_production_account_passes if {
	stmt := object.union(grant("*"), {"Condition": {"StringEquals": {"aws:PrincipalAccount": "333333333333"}}})
	count(rule.deny) == 0 with input as inv("prod", [stmt])
}

test_not_principal_allow_fires if {
	stmt := {"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::333333333333:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::prod-rec/*"}
	findings := rule.deny with input as inv("prod", [stmt])
	some f in findings
	fx.mentions(f.msg, "any principal (*) without an organization or account condition")
}

test_service_principal_for_non_production_account_fires if {
	stmt := object.union(grant({"Service": "connect.amazonaws.com"}), {"Condition": {"StringEquals": {"aws:SourceAccount": "222222222222"}}})
	findings := rule.deny with input as inv("prod", [stmt])
	some f in findings
	fx.mentions(f.msg, "grants non-production account 222222222222 (dev)")
}

test_service_principal_for_production_account_passes if {
	stmt := object.union(grant({"Service": ["connect.amazonaws.com"]}), {"Condition": {"StringEquals": {"aws:SourceAccount": "333333333333"}}})
	count(rule.deny) == 0 with input as inv("prod", [stmt])
}
