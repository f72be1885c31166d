package scv.test.rules.environments.production_bucket_policy

import data.scv.test.fixtures as fx
import data.scv.rules.environments.production_bucket_policy as rule
import rego.v1

instance := object.union(fx.instance("111111111111", "i-prod", "prod"), {"storage": [fx.s3_storage("CALL_RECORDINGS", "prod-rec")]})

policy(statements) := {"Version": "2012-10-17", "Statement": statements}

grant(principal) := {"Effect": "Allow", "Principal": principal, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::prod-rec/*"}

with_condition(stmt, condition) := object.union(stmt, {"Condition": condition})

# An account of organization `org` (null: in none), as the AWS collector reads it.
in_organization(account, org) := object.union(account, {"organization": {"id": org, "managementAccountId": null, "memberAccountIds": null}})

prod_account(statements) := fx.account_with("111111111111", "prod", [instance], [], [object.union(fx.bucket("prod-rec", "prod"), {"policy": policy(statements)})])

inv(bucket_env, statements) := fx.inventory([], [
	fx.account_with("111111111111", "prod", [instance], [], [object.union(fx.bucket("prod-rec", bucket_env), {"policy": policy(statements)})]),
	fx.account("222222222222", "dev"),
	fx.account("333333333333", "prod"),
])

# The same estate with every account's organization collected: the production accounts in
# o-prod, the dev account in `dev_org`.
org_inv(statements, dev_org) := fx.inventory([], [
	in_organization(prod_account(statements), "o-prod"),
	in_organization(fx.account("222222222222", "dev"), dev_org),
	in_organization(fx.account("333333333333", "prod"), "o-prod"),
])

org_grant(key, value) := with_condition(grant({"AWS": "*"}), {"StringEquals": {key: value}})

test_production_principals_pass if {
	count(rule.deny) == 0 with input as inv("prod", [grant({"AWS": "arn:aws:iam::333333333333:root"}), grant({"Service": "connect.amazonaws.com"})])
}

test_non_production_account_fires_naming_statement_and_principal if {
	findings := rule.deny with input as inv("prod", [grant({"AWS": "arn:aws:iam::333333333333:root"}), grant({"AWS": "arn:aws:iam::222222222222:role/dev-analyst"})])
	count(findings) == 1
	some f in findings
	f.resource == {"type": "s3-bucket", "id": "arn:aws:s3:::prod-rec", "environment": "prod"}
	f.related == [{"type": "aws-account", "id": "222222222222", "environment": "dev"}]
	fx.mentions(f.msg, "statement 1 grants principal arn:aws:iam::222222222222:role/dev-analyst of non-production account 222222222222 (dev)")
	fx.mentions(f.msg, "Dev and test must never access production recordings")
}

test_statement_named_by_sid if {
	stmt := object.union(grant({"AWS": "222222222222"}), {"Sid": "DevRead"})
	some f in rule.deny with input as inv("prod", [stmt])
	fx.mentions(f.msg, "statement 0 (Sid DevRead) grants principal 222222222222 of non-production account 222222222222 (dev)")
}

test_principal_as_plain_account_id_string if {
	count(rule.deny) == 1 with input as inv("prod", [grant({"AWS": ["333333333333", "222222222222"]})])
}

test_star_without_condition_fires if {
	findings := rule.deny with input as inv("prod", [grant("*")])
	some f in findings
	fx.mentions(f.msg, "statement 0 grants any principal (*) without an organization or account condition")
}

test_single_statement_object_is_read if {
	bucket := object.union(fx.bucket("prod-rec", "prod"), {"policy": {"Version": "2012-10-17", "Statement": grant("*")}})
	count(rule.deny) == 1 with input as fx.inventory([], [fx.account_with("111111111111", "prod", [instance], [], [bucket])])
}

# ------------------------------------------------------------------ organizations

test_organization_of_production_accounts_only_passes if {
	count(rule.deny) == 0 with input as org_inv([org_grant("aws:PrincipalOrgID", "o-prod")], "o-dev")
	count(rule.deny) == 0 with input as org_inv([org_grant("aws:PrincipalOrgID", "o-prod")], null)
}

test_organization_holding_a_dev_account_fires if {
	findings := rule.deny with input as org_inv([org_grant("aws:PrincipalOrgID", "o-prod")], "o-prod")
	count(findings) == 1
	some f in findings
	fx.mentions(f.msg, "statement 0 grants principal * through aws:PrincipalOrgID o-prod: the organization holds non-production account 222222222222 (dev)")
	f.related == [{"type": "aws-account", "id": "222222222222", "environment": "dev"}]
}

test_organization_path_of_an_organization_holding_a_dev_account_fires if {
	stmt := with_condition(grant("*"), {"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": ["o-prod/r-ab12/ou-ab12-11111111/*"]}})
	some f in rule.deny with input as org_inv([stmt], "o-prod")
	fx.mentions(f.msg, "through aws:PrincipalOrgPaths o-prod/r-ab12/ou-ab12-11111111/*: the organization holds non-production account 222222222222 (dev)")
}

test_organization_listed_by_its_management_account if {
	listing := {"id": "o-prod", "managementAccountId": "111111111111", "memberAccountIds": ["111111111111", "333333333333", "555555555555"]}
	accounts := [
		object.union(prod_account([org_grant("aws:PrincipalOrgID", "o-prod")]), {"organization": listing}),
		fx.account("222222222222", "dev"),
		in_organization(fx.account("333333333333", "prod"), "o-prod"),
	]

	# A listed member outside the inventory: its environment is unknown.
	some f in rule.deny with input as fx.inventory([], accounts)
	fx.mentions(f.msg, "the organization holds account 555555555555, which is not in the inventory and which the config maps to no environment (its environment is unknown)")
	not fx.mentions(f.msg, "222222222222")

	# The full list holds only production accounts: the dev account (organization not collected) is not in it.
	only_prod := array.concat([object.union(accounts[0], {"organization": object.union(listing, {"memberAccountIds": ["111111111111", "333333333333"]})})], array.slice(accounts, 1, 3))
	count(rule.deny) == 0 with input as fx.inventory([], only_prod)
}

test_organization_membership_not_collected_says_so if {
	findings := rule.deny with input as inv("prod", [org_grant("aws:PrincipalOrgID", "o-prod")])
	count(findings) == 1
	some f in findings
	fx.mentions(f.msg, "statement 0 grants principal * through aws:PrincipalOrgID o-prod, an organization whose members are not known (the organization of non-production account 222222222222 (dev) was not collected")
	f.related == [{"type": "aws-account", "id": "222222222222", "environment": "dev"}]
}

test_organization_that_could_not_be_read_is_left_to_the_collection_error if {
	accounts := [
		in_organization(prod_account([org_grant("aws:PrincipalOrgID", "o-prod")]), "o-prod"),
		object.union(fx.account("222222222222", "dev"), {"organization": null}),
	]
	count(rule.deny) == 0 with input as fx.inventory([], accounts)
}

test_account_condition_is_narrower_than_organization if {
	stmt := with_condition(grant("*"), {"StringEquals": {"aws:PrincipalOrgID": "o-prod", "aws:PrincipalAccount": "333333333333"}})
	count(rule.deny) == 0 with input as org_inv([stmt], "o-prod")
}

# ------------------------------------------------------------------ accounts outside the inventory

test_account_outside_the_inventory_is_unknown if {
	findings := rule.deny with input as inv("prod", [grant({"AWS": "arn:aws:iam::444444444444:role/analytics"})])
	some f in findings
	fx.mentions(f.msg, "statement 0 grants principal arn:aws:iam::444444444444:role/analytics of account 444444444444, which is not in the inventory and which the config maps to no environment (its environment is unknown)")
	f.related == [{"type": "aws-account", "id": "444444444444"}]
}

# The config maps accounts a `--plan` scan holds no record of (data.scanner.accountEnvironments).
test_account_the_config_maps_to_non_production_is_named_by_its_environment if {
	stmt := grant({"AWS": "arn:aws:iam::444444444444:role/analytics"})
	findings := rule.deny with input as inv("prod", [stmt]) with data.scanner.accountEnvironments as {"444444444444": "dev"}
	count(findings) == 1
	some f in findings
	fx.mentions(f.msg, "statement 0 grants principal arn:aws:iam::444444444444:role/analytics of non-production account 444444444444 (dev, as the config maps it; the account was not collected in this scan)")
	not contains(f.msg, "unknown")
	not contains(f.msg, "not in the inventory")
	f.related == [{"type": "aws-account", "id": "444444444444", "environment": "dev"}]
}

test_account_the_config_maps_to_production_is_not_a_grant if {
	stmt := grant({"AWS": "arn:aws:iam::444444444444:role/analytics"})
	count(rule.deny) == 0 with input as inv("prod", [stmt]) with data.scanner.accountEnvironments as {"444444444444": "prod"}
}

test_account_the_config_maps_to_an_environment_without_tier_says_so if {
	stmt := grant({"AWS": "arn:aws:iam::444444444444:role/analytics"})
	some f in rule.deny with input as inv("prod", [stmt]) with data.scanner.accountEnvironments as {"444444444444": "lab"}
	fx.mentions(f.msg, "account 444444444444, which the config maps to environment lab (not collected in this scan), an environment the config gives no tier, so whether it is production is not known")
}

test_organization_holding_an_account_the_config_maps_to_non_production_fires if {
	listing := {"id": "o-prod", "managementAccountId": "111111111111", "memberAccountIds": ["111111111111", "555555555555"]}
	accounts := [object.union(prod_account([org_grant("aws:PrincipalOrgID", "o-prod")]), {"organization": listing})]
	some f in rule.deny with input as fx.inventory([], accounts) with data.scanner.accountEnvironments as {"555555555555": "dev"}
	fx.mentions(f.msg, "the organization holds non-production account 555555555555 (dev, as the config maps it; the account was not collected in this scan)")
}

# An account the inventory holds keeps the inventory's environment.
test_inventory_environment_wins_over_the_config_mapping if {
	stmt := grant({"AWS": "arn:aws:iam::222222222222:root"})
	some f in rule.deny with input as inv("prod", [stmt]) with data.scanner.accountEnvironments as {"222222222222": "prod"}
	fx.mentions(f.msg, "non-production account 222222222222 (dev)")
	not contains(f.msg, "as the config maps it")
}

test_salesforce_account_is_not_unknown if {
	count(rule.deny) == 0 with input as inv("prod", [grant({"AWS": "arn:aws:iam::793525387755:root"})])
}

# ------------------------------------------------------------------ access points

test_access_point_delegation_to_own_account_passes if {
	stmt := with_condition(grant({"AWS": "*"}), {"StringEquals": {"s3:DataAccessPointAccount": "111111111111"}})
	count(rule.deny) == 0 with input as inv("prod", [stmt])
}

test_access_point_delegation_to_another_account_fires if {
	stmt := with_condition(grant({"AWS": "*"}), {"StringEquals": {"s3:DataAccessPointAccount": "222222222222"}})
	some f in rule.deny with input as inv("prod", [stmt])
	fx.mentions(f.msg, "statement 0 grants principal * through s3:DataAccessPointAccount 222222222222: non-production account 222222222222 (dev)")
	arn_stmt := with_condition(grant("*"), {"ArnLike": {"s3:DataAccessPointArn": "arn:aws:s3:us-east-1:444444444444:accesspoint/*"}})
	some g in rule.deny with input as inv("prod", [arn_stmt])
	fx.mentions(g.msg, "account 444444444444, which is not in the inventory")
}

# ------------------------------------------------------------------ conditions that do not restrict

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
	stmt := with_condition(grant({"AWS": "*"}), {"StringNotEquals": {"aws:PrincipalOrgID": "o-other"}})
	findings := rule.deny with input as inv("prod", [stmt])
	some f in findings
	fx.mentions(f.msg, "any principal (*) without an organization or account condition")
}

test_star_with_if_exists_or_wildcard_condition_fires if {
	if_exists := with_condition(grant("*"), {"StringEqualsIfExists": {"aws:PrincipalOrgID": "o-abc"}})
	count(rule.deny) == 1 with input as inv("prod", [if_exists])
	wildcard := with_condition(grant("*"), {"StringLike": {"aws:PrincipalAccount": "*"}})
	count(rule.deny) == 1 with input as inv("prod", [wildcard])
}

test_star_scoped_to_non_production_account_fires if {
	stmt := with_condition(grant({"AWS": "*"}), {"stringequals": {"AWS:PrincipalAccount": ["333333333333", "222222222222"]}})
	findings := rule.deny with input as inv("prod", [stmt])
	count(findings) == 1
	some f in findings
	f.related == [{"type": "aws-account", "id": "222222222222", "environment": "dev"}]
	fx.mentions(f.msg, "statement 0 grants principal * through aws:PrincipalAccount 222222222222: non-production account 222222222222 (dev)")
	not fx.mentions(f.msg, "any principal")
}

test_star_scoped_by_source_arn_of_non_production_account_fires if {
	stmt := with_condition(grant("*"), {"ArnLike": {"aws:SourceArn": "arn:aws:connect:us-east-1:222222222222:instance/*"}})
	findings := rule.deny with input as inv("prod", [stmt])
	some f in findings
	fx.mentions(f.msg, "through aws:SourceArn arn:aws:connect:us-east-1:222222222222:instance/*: non-production account 222222222222 (dev)")
}

test_star_scoped_to_production_account_passes if {
	stmt := with_condition(grant("*"), {"StringEquals": {"aws:PrincipalAccount": "333333333333"}})
	count(rule.deny) == 0 with input as inv("prod", [stmt])
}

test_not_principal_allow_fires if {
	stmt := {"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::333333333333:root"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::prod-rec/*"}
	findings := rule.deny with input as inv("prod", [stmt])
	some f in findings
	fx.mentions(f.msg, "statement 0 grants any principal (NotPrincipal (every other principal)) without an organization or account condition")
}

test_service_principal_for_non_production_account_fires if {
	stmt := with_condition(grant({"Service": "connect.amazonaws.com"}), {"StringEquals": {"aws:SourceAccount": "222222222222"}})
	findings := rule.deny with input as inv("prod", [stmt])
	some f in findings
	fx.mentions(f.msg, "grants principal service connect.amazonaws.com through aws:SourceAccount 222222222222: non-production account 222222222222 (dev)")
}

test_service_principal_for_production_account_passes if {
	stmt := with_condition(grant({"Service": ["connect.amazonaws.com"]}), {"StringEquals": {"aws:SourceAccount": "333333333333"}})
	count(rule.deny) == 0 with input as inv("prod", [stmt])
}

test_condition_value_not_known_is_not_any_principal if {
	# A planned `s3:DataAccessPointAccount: !Ref AWS::AccountId` whose account is not known.
	stmt := with_condition(grant({"AWS": "*"}), {"StringEquals": {"s3:DataAccessPointAccount": null}})
	count(rule.deny) == 0 with input as inv("prod", [stmt])
	empty := with_condition(grant({"AWS": "*"}), {"StringEquals": {"aws:PrincipalAccount": ""}})
	count(rule.deny) == 0 with input as inv("prod", [empty])
}
