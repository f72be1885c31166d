# METADATA
# title: Production recording bucket readable from non-production
# description: |
#   Dev and test users must never reach production recordings. Fires once per production
#   recording bucket (the storage target of an Amazon Connect instance, in a production-tier
#   environment: its own, else its instances') whose bucket policy has an Allow statement that
#   grants:
#   - a principal of a non-production account, named as principal or through the
#     `aws:PrincipalAccount`, `aws:SourceAccount`, `aws:SourceOwner`, `aws:SourceArn` or
#     `aws:PrincipalArn` condition of a `*` or service principal;
#   - an organization (`aws:PrincipalOrgID`, `aws:PrincipalOrgPaths`, `aws:SourceOrgID`,
#     `aws:SourceOrgPaths`) that holds non-production accounts: the grant reaches every one of
#     them. Membership is each account's `organization` (collected from AWS Organizations); when
#     it is not known for the non-production accounts, the finding says so. An account whose
#     organization could not be read leaves the rule incomplete (SCV-COLL-001), not passing;
#   - an account the inventory does not hold (a `--plan` scan holds only the accounts its files
#     deploy to): one the config's `aws.accounts` maps to a non-production environment is named
#     as that environment's account, not collected in this scan; one the config maps to no
#     environment is said to be of unknown environment (Salesforce's accounts excepted);
#   - `*` (or `NotPrincipal`) without an organization or account condition that restricts it:
#     negated, `...IfExists`, `ForAllValues:` and `Null` tests and bare wildcards do not; a
#     condition whose value is not known (a planned `!Ref AWS::AccountId` of an unknown account)
#     says nothing, and the rule stays silent for it.
#   Access-point delegation (`s3:DataAccessPointAccount` / `s3:DataAccessPointArn` of the
#   bucket's own account) is not a grant to anyone; delegation to another account is a grant to
#   that account. Each grant names its statement (Sid, else index) and principal.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html
#     description: Bucket policies for Amazon S3
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid
#     description: aws:PrincipalOrgID grants every account of the organization
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-points-policies.html
#     description: Delegating access control to access points (s3:DataAccessPointAccount)
#   - ref: https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-instances.html
#     description: IAM boundaries between environments (dev/test/prod guidance)
# custom:
#   id: SCV-ENV-005
#   severity: critical
#   inputs: [aws.connectInstances.storage, aws.s3Buckets, aws.s3Buckets.policy, aws.organization]
#   remediation: |
#     Remove the statements that grant non-production accounts (or anyone) access to the production
#     recording bucket and grant only the production account's roles. Restrict `*` with an
#     aws:PrincipalAccount condition naming production accounts; use aws:PrincipalOrgID only for an
#     organization that holds no dev or test account. Give accounts outside the inventory an
#     environment (scan them, or map them in the config) or remove their grants.
#   tags: [environments, isolation, data, s3, iam]
package scv.rules.environments.production_bucket_policy

import data.scv.lib.arn
import data.scv.lib.config
import data.scv.lib.estate
import data.scv.lib.iam
import rego.v1

# Condition keys whose values name an account (by id or by an ARN in it), as they are written.
account_key_names := {
	"aws:principalaccount": "aws:PrincipalAccount",
	"aws:sourceaccount": "aws:SourceAccount",
	"aws:sourceowner": "aws:SourceOwner",
	"aws:sourcearn": "aws:SourceArn",
	"aws:principalarn": "aws:PrincipalArn",
	"s3:dataaccesspointaccount": "s3:DataAccessPointAccount",
	"s3:dataaccesspointarn": "s3:DataAccessPointArn",
}

# Condition keys whose values name an organization (an id, or a path that starts with one).
organization_key_names := {
	"aws:principalorgid": "aws:PrincipalOrgID",
	"aws:sourceorgid": "aws:SourceOrgID",
	"aws:principalorgpaths": "aws:PrincipalOrgPaths",
	"aws:sourceorgpaths": "aws:SourceOrgPaths",
}

# ------------------------------------------------------------------ which buckets

production_bucket(bucket_arn) if {
	estate.tier_of_environment(estate.bucket_environments[bucket_arn]) == "production"
}

production_bucket(bucket_arn) if {
	not estate.bucket_environments[bucket_arn]
	some instance_arn in estate.instances_by_bucket[bucket_arn]
	estate.tier_of_environment(estate.instance_environments[instance_arn]) == "production"
}

# ------------------------------------------------------------------ how a statement is scoped

# An Allow with NotPrincipal grants everyone but the listed principals: any principal.
any_principal(stmt) if iam.allows_any_principal(stmt)

any_principal(stmt) if object.get(stmt, "NotPrincipal", null) != null

service_principals(stmt) := iam.as_list(object.get(stmt.Principal, "Service", [])) if is_object(object.get(stmt, "Principal", null))

service_principals(stmt) := [] if not is_object(object.get(stmt, "Principal", null))

# A `*` or a service principal acts for whichever account its conditions name.
acts_for_conditions(stmt) if any_principal(stmt)

acts_for_conditions(stmt) if count(service_principals(stmt)) > 0

# How a message names the principal a condition applies to.
condition_principal_text(stmt) := "NotPrincipal (every other principal)" if object.get(stmt, "NotPrincipal", null) != null

condition_principal_text(stmt) := "*" if {
	object.get(stmt, "NotPrincipal", null) == null
	iam.allows_any_principal(stmt)
}

condition_principal_text(stmt) := sprintf("service %s", [concat(", ", sort(service_principals(stmt)))]) if {
	object.get(stmt, "NotPrincipal", null) == null
	not iam.allows_any_principal(stmt)
}

# Narrowing account conditions: [{key, values}] with the key as AWS documents it.
account_tests(stmt) := [{"key": account_key_names[t.key], "values": t.values} |
	some t in iam.restricting_tests(stmt)
	account_key_names[t.key]
	iam.narrowing(t.values)
]

organization_tests(stmt) := [{"key": organization_key_names[t.key], "values": t.values} |
	some t in iam.restricting_tests(stmt)
	organization_key_names[t.key]
	iam.narrowing(t.values)
]

# ------------------------------------------------------------------ what an account is

own_account(bucket_arn) := estate.buckets_by_arn[bucket_arn].account.id

# Accounts a grant to which is fine: the bucket's own, Salesforce's (a known third party, not an
# environment), and placeholders (where pre-deploy files deploy is not known).
harmless_account(_, acct) if not estate.account_known(acct)

harmless_account(bucket_arn, acct) if acct == own_account(bucket_arn)

harmless_account(_, acct) if acct in config.salesforce_account_ids

non_production_account(acct) if estate.tier_of_environment(estate.account_environments[acct]) == "non-production"

# Not in the inventory, but the config maps it to a non-production environment: what it is, is known.
configured_non_production_account(acct) if estate.tier_of_environment(estate.uncollected_account_environment(acct)) == "non-production"

# Not in the inventory and not mapped by the config: its environment is not known.
outside_inventory(acct) if {
	not estate.accounts_by_id[acct]
	not estate.uncollected_account_environment(acct)
}

# Not in the inventory, mapped by the config to an environment the config gives no tier.
configured_untiered_account(acct) if {
	e := estate.uncollected_account_environment(acct)
	not estate.tier_of_environment(e)
}

# `non-production account 222222222222 (dev)`, `non-production account 222222222222 (dev, as the
# config maps it; not collected in this scan)` or `account 444444444444, which is not in the inventory`.
account_kind(acct) := "non-production" if non_production_account(acct)

account_kind(acct) := "configured non-production" if configured_non_production_account(acct)

account_kind(acct) := "configured without tier" if configured_untiered_account(acct)

account_kind(acct) := "unknown" if outside_inventory(acct)

account_text(acct) := sprintf("non-production account %s (%s)", [acct, estate.account_environments[acct]]) if account_kind(acct) == "non-production"

account_text(acct) := sprintf("non-production account %s (%s, as the config maps it; the account was not collected in this scan)", [acct, estate.uncollected_account_environment(acct)]) if account_kind(acct) == "configured non-production"

account_text(acct) := sprintf("account %s, which the config maps to environment %s (not collected in this scan), an environment the config gives no tier, so whether it is production is not known", [acct, estate.uncollected_account_environment(acct)]) if account_kind(acct) == "configured without tier"

account_text(acct) := sprintf("account %s, which is not in the inventory and which the config maps to no environment (its environment is unknown)", [acct]) if account_kind(acct) == "unknown"

# ------------------------------------------------------------------ organizations

# The organization id an organization condition value names: the value, or a path's first part.
organization_pattern(key, value) := value if key in {"aws:PrincipalOrgID", "aws:SourceOrgID"}

organization_pattern(key, value) := split(value, "/")[0] if key in {"aws:PrincipalOrgPaths", "aws:SourceOrgPaths"}

# What the inventory says of each account's organization (absent: not collected).
organization_ids := {id | some a in input.aws.accounts; id := a.organization.id; is_string(id)}

matching_organizations(pattern) := {id | some id in organization_ids; glob.match(lower(pattern), null, lower(id))}

# Accounts known to be in one of `orgs`: by their own organization, or listed by its management account.
organization_members(orgs) := {a.id | some a in input.aws.accounts; a.organization.id in orgs} | {m |
	some a in input.aws.accounts
	a.organization.id in orgs
	some m in a.organization.memberAccountIds
}

members_listed(orgs) if {
	some a in input.aws.accounts
	a.organization.id in orgs
	is_array(a.organization.memberAccountIds)
}

# Non-production accounts whose organization was not collected (file sources, older inventories):
# whether they are in an organization is not known. An account whose organization could not be
# read (null) is left to SCV-COLL-001, which makes the rule incomplete.
undetermined_accounts := {a.id |
	some a in input.aws.accounts
	object.get(a, "organization", "not collected") == "not collected"
	estate.account_known(a.id)
	non_production_account(a.id)
}

# ------------------------------------------------------------------ grants of one statement

# Grants of Allow statement `i`: {"statement", "text", "accounts"} — what it lets in, for the message.
statement_grants(bucket_arn, i, stmt) := ((principal_grants(bucket_arn, i, stmt) | account_condition_grants(bucket_arn, i, stmt)) | organization_condition_grants(i, stmt)) | open_grants(i, stmt)

# Accounts named as principals.
principal_grants(bucket_arn, i, stmt) := {grant |
	some p in iam.aws_principals(stmt)
	p != "*"
	acct := arn.principal_account(p)
	not harmless_account(bucket_arn, acct)
	account_kind(acct)
	grant := {
		"text": sprintf("%s grants principal %s of %s", [iam.statement_label(i, stmt), p, account_text(acct)]),
		"accounts": {acct},
	}
}

# A `*` or service principal restricted by account conditions: the accounts they name.
account_condition_grants(bucket_arn, i, stmt) := {grant |
	acts_for_conditions(stmt)
	some t in account_tests(stmt)
	some v in t.values
	acct := arn.principal_account(v)
	not harmless_account(bucket_arn, acct)
	account_kind(acct)
	grant := {
		"text": sprintf("%s grants principal %s through %s %s: %s", [iam.statement_label(i, stmt), condition_principal_text(stmt), t.key, v, account_text(acct)]),
		"accounts": {acct},
	}
}

# Restricted by organization conditions only (account conditions, where present, are narrower).
organization_condition_grants(i, stmt) := {grant |
	acts_for_conditions(stmt)
	count(account_tests(stmt)) == 0
	some t in organization_tests(stmt)
	some v in t.values
	some grant in organization_grants(sprintf("%s grants principal %s through %s %s", [iam.statement_label(i, stmt), condition_principal_text(stmt), t.key, v]), organization_pattern(t.key, v))
}

# `*` without any organization or account condition that restricts it.
open_grants(i, stmt) := {{"text": sprintf("%s grants any principal (%s) without an organization or account condition", [iam.statement_label(i, stmt), condition_principal_text(stmt)]), "accounts": set()} |
	any_principal(stmt)
	count(account_tests(stmt)) == 0
	count(organization_tests(stmt)) == 0
	not unknown_scoping(stmt)
}

# An account or organization condition whose value is not known (a planned value such as
# `!Ref AWS::AccountId` where the account is not known): whom it admits cannot be told.
unknown_scoping(stmt) if {
	some op, keys in iam.conditions(stmt)
	iam.restricting(op)
	is_object(keys)
	some key, v in keys
	scoping_key(lower(key))
	not known_values(v)
}

scoping_key(key) if account_key_names[key]

scoping_key(key) if organization_key_names[key]

known_values(v) if known_value(v)

known_values(v) if {
	is_array(v)
	count(v) > 0
	every x in v {
		known_value(x)
	}
}

known_value(v) if {
	is_string(v)
	v != ""
}

# The organization holds non-production accounts, or accounts outside the inventory.
organization_grants(prefix, pattern) := {{"text": sprintf("%s: the organization holds %s", [prefix, concat(", ", [account_text(a) | some a in sort(reached)])]), "accounts": reached}} if {
	orgs := matching_organizations(pattern)
	reached := {a | some a in organization_members(orgs); estate.account_known(a); account_kind(a)}
	count(reached) > 0
}

# Nothing known to be in it, the member list not read, and non-production accounts of unknown
# organization: say that membership is not known.
organization_grants(prefix, pattern) := {{"text": text, "accounts": undetermined_accounts}} if {
	orgs := matching_organizations(pattern)
	count({a | some a in organization_members(orgs); estate.account_known(a); account_kind(a)}) == 0
	not members_listed(orgs)
	count(undetermined_accounts) > 0
	text := sprintf(
		"%s, an organization whose members are not known (the organization of %s was not collected: scv-guard collect reads it with organizations:DescribeOrganization)",
		[prefix, concat(", ", [account_text(a) | some a in sort(undetermined_accounts)])],
	)
}

# ------------------------------------------------------------------ the finding

# An account the finding relates to, with its environment: the inventory's, else the config's.
related_account(acct) := estate.account_ref(acct) if not estate.uncollected_account_environment(acct)

related_account(acct) := estate.ref("aws-account", acct, estate.uncollected_account_environment(acct)) if estate.uncollected_account_environment(acct)

# A policy's statements: a list, or one statement object.
statements(policy) := policy.Statement if is_array(policy.Statement)

statements(policy) := [policy.Statement] if is_object(policy.Statement)

grants(bucket_arn) := {g |
	policy := estate.buckets_by_arn[bucket_arn].bucket.policy
	is_object(policy)
	some i, stmt in statements(policy)
	iam.is_allow(stmt)
	some g in statement_grants(bucket_arn, i, stmt)
}

deny contains finding if {
	some bucket_arn in estate.recording_bucket_arns
	production_bucket(bucket_arn)
	found := grants(bucket_arn)
	count(found) > 0
	finding := {
		"msg": sprintf(
			"The policy of production recording bucket %s: %s. Dev and test must never access production recordings: remove these grants, allow only production principals, and scope `*` with aws:PrincipalAccount to production accounts.",
			[bucket_arn, concat("; ", sort([g.text | some g in found]))],
		),
		"resource": estate.bucket_ref(bucket_arn),
		"related": [related_account(a) | some a in sort({a | some g in found; some a in g.accounts})],
	}
}
