package scv.test.rules.iam.missing_external_id

import data.scv.test.fixtures as fx
import data.scv.rules.iam.missing_external_id as rule
import rego.v1

org := fx.org("00DP00000000001AAA", "production", "prod", "111111111111", [fx.cc("0ZgP1", "111111111111", "i-p")])

inv(roles) := fx.inventory([org], [fx.account_with("111111111111", "prod", [], roles, [])])

test_roles_with_external_id_pass if {
	count(rule.deny) == 0 with input as inv(fx.scv_roles("111111111111", "ext-1"))
}

test_role_without_condition_fires if {
	open := fx.role("111111111111", "SCVS3Role", fx.trust(fx.salesforce_principal, {}))
	findings := rule.deny with input as inv([open])
	count(findings) == 1
	some f in findings
	f.resource == {"type": "iam-role", "id": "arn:aws:iam::111111111111:role/SCVS3Role", "environment": "prod"}
	fx.mentions(f.msg, "lets account 793525387755 assume it without requiring an sts:ExternalId: statement 0 has no sts:ExternalId condition")
	fx.mentions(f.msg, "Generate an external ID")
}

test_principal_as_array_and_string if {
	arr := fx.role("111111111111", "SCVS3Role", fx.trust(["arn:aws:iam::793525387755:root", "444444444444"], {}))
	findings := rule.deny with input as inv([arr])
	some f in findings
	fx.mentions(f.msg, "account 444444444444, account 793525387755")
}

test_string_like_external_id_counts_as_condition if {
	like := fx.role("111111111111", "SCVS3Role", fx.trust(fx.salesforce_principal, {"StringLike": {"sts:ExternalId": "abc"}}))
	count(rule.deny) == 0 with input as inv([like])
}

test_if_exists_condition_does_not_count if {
	weak := fx.role("111111111111", "SCVS3Role", fx.trust(fx.salesforce_principal, {"StringEqualsIfExists": {"sts:ExternalId": "abc"}}))
	count(rule.deny) == 1 with input as inv([weak])
}

test_same_account_principal_passes if {
	own := fx.role("111111111111", "SCVS3Role", fx.trust("arn:aws:iam::111111111111:root", {}))
	count(rule.deny) == 0 with input as inv([own])
}

test_one_open_statement_among_several_fires if {
	policy := {"Statement": [
		{"Effect": "Allow", "Principal": {"AWS": fx.salesforce_principal}, "Action": "sts:AssumeRole", "Condition": fx.external_id("ext-1")},
		{"Effect": "Allow", "Principal": {"AWS": "555555555555"}, "Action": ["sts:AssumeRole", "sts:TagSession"]},
	]}
	findings := rule.deny with input as inv([fx.role("111111111111", "SCVS3Role", policy)])
	some f in findings
	fx.mentions(f.msg, "lets account 555555555555 assume it")
}

test_non_scv_role_is_ignored if {
	other := fx.role("111111111111", "PartnerAuditRole", fx.trust("555555555555", {}))
	count(rule.deny) == 0 with input as inv([other])
}

test_role_matched_by_configured_pattern if {
	custom := fx.role("111111111111", "VoiceBridge", fx.trust("555555555555", {}))
	count(rule.deny) == 1 with input as inv([custom]) with data.config as {"scvRoleNamePatterns": ["Voice*"]}
}

test_null_trust_policy_no_guess if {
	count(rule.deny) == 0 with input as inv([fx.role("111111111111", "SCVS3Role", null)])
}

# Allow for Salesforce with no condition, and a Deny for everyone unless the external id matches.
gated_policy(deny_condition) := {"Statement": [
	{"Effect": "Allow", "Principal": {"AWS": fx.salesforce_principal}, "Action": "sts:AssumeRole"},
	{"Effect": "Deny", "Principal": "*", "Action": "sts:AssumeRole", "Condition": deny_condition},
]}

test_deny_unless_external_id_gate_passes if {
	role := fx.role("111111111111", "SCVS3Role", gated_policy({"StringNotEquals": {"sts:externalid": "ext-1"}}))
	count(rule.deny) == 0 with input as inv([role])
}

test_narrower_deny_is_no_gate if {
	narrow := {"StringNotEquals": {"sts:ExternalId": "ext-1", "aws:PrincipalAccount": "444444444444"}}
	count(rule.deny) == 1 with input as inv([fx.role("111111111111", "SCVS3Role", gated_policy(narrow))])
	equals := {"StringEquals": {"sts:ExternalId": "ext-1"}}
	count(rule.deny) == 1 with input as inv([fx.role("111111111111", "SCVS3Role", gated_policy(equals))])
}

test_allow_deny_gate_for_one_account_is_no_gate if {
	policy := {"Statement": [
		{"Effect": "Allow", "Principal": {"AWS": fx.salesforce_principal}, "Action": "sts:AssumeRole"},
		{"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::444444444444:root"}, "Action": "sts:AssumeRole", "Condition": {"StringNotEquals": {"sts:ExternalId": "ext-1"}}},
	]}
	count(rule.deny) == 1 with input as inv([fx.role("111111111111", "SCVS3Role", policy)])
}

test_role_matched_by_default_hyphenated_pattern if {
	role := fx.role("111111111111", "Acme-ConnectCallRole", fx.trust("arn:aws:iam::444444444444:root", {}))
	fx.resource_ids(rule.deny) == {"arn:aws:iam::111111111111:role/Acme-ConnectCallRole"} with input as fx.inventory([], [fx.account_with("111111111111", "prod", [], [role], [])])
}

test_not_action_allow_fires if {
	policy := {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444444444444:root"}, "NotAction": "sts:TagSession"}]}
	findings := rule.deny with input as inv([fx.role("111111111111", "SCVS3Role", policy)])
	count(findings) == 1
	some f in findings
	fx.mentions(f.msg, "statement 0 (its NotAction covers sts:AssumeRole) has no sts:ExternalId condition")
}

test_not_action_excluding_assume_role_passes if {
	policy := {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444444444444:root"}, "NotAction": ["sts:Assume*"]}]}
	count(rule.deny) == 0 with input as inv([fx.role("111111111111", "SCVS3Role", policy)])
}

test_weak_condition_named if {
	policy := {"Statement": [
		{"Sid": "Salesforce", "Effect": "Allow", "Principal": {"AWS": fx.salesforce_principal}, "Action": "sts:AssumeRole", "Condition": {"ForAllValues:StringEquals": {"sts:ExternalId": "ext-1"}}},
		{"Effect": "Allow", "Principal": {"AWS": "444444444444"}, "Action": "sts:AssumeRole", "Condition": {"StringEqualsIfExists": {"sts:ExternalId": "ext-1"}}},
	]}
	findings := rule.deny with input as inv([fx.role("111111111111", "SCVS3Role", policy)])
	some f in findings
	fx.mentions(f.msg, "statement 0 (Sid Salesforce) tests sts:ExternalId only in ways that do not require it (ForAllValues:StringEquals passes when the key is absent)")
	fx.mentions(f.msg, "statement 1 tests sts:ExternalId only in ways that do not require it (StringEqualsIfExists passes when the key is absent)")
}

tooling := fx.account_with("333333333333", "tooling", [], [], [])

test_pipeline_role_trusted_by_estate_account_is_no_scv_role if {
	pipeline := fx.role("111111111111", "SCV-PipelineDeploy", fx.trust("arn:aws:iam::333333333333:role/deployer", {}))
	scanner := fx.role("111111111111", "SCVGuardReadOnly", fx.trust("arn:aws:iam::333333333333:root", {}))
	accounts := [fx.account_with("111111111111", "prod", [], [pipeline, scanner], []), tooling]
	count(rule.deny) == 0 with input as fx.inventory([], accounts)
}

test_named_role_trusted_by_outside_account_still_fires if {
	pipeline := fx.role("111111111111", "SCV-PipelineDeploy", fx.trust("arn:aws:iam::444444444444:root", {}))
	accounts := [fx.account_with("111111111111", "prod", [], [pipeline], []), tooling]
	fx.resource_ids(rule.deny) == {pipeline.arn} with input as fx.inventory([], accounts)
}

test_service_and_saml_roles_are_no_scv_roles if {
	lambda := fx.role("111111111111", "SCVCTRDataSyncFunctionRole", {"Statement": [{"Effect": "Allow", "Principal": {"Service": ["lambda.amazonaws.com"]}, "Action": "sts:AssumeRole"}]})
	saml := fx.role("111111111111", "SCVSamlRole", {"Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111111111111:saml-provider/SalesforceServiceVoiceIdp_00D000000000001"}, "Action": "sts:AssumeRoleWithSAML"}]})
	count(rule.deny) == 0 with input as fx.inventory([], [fx.account_with("111111111111", "prod", [], [lambda, saml], [])])
}

test_star_restricted_to_organization_lets_no_third_party_in if {
	org_wide := fx.role("111111111111", "SCVS3Role", {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}}]})
	count(rule.deny) == 0 with input as inv([org_wide])
	by_account := json.patch(org_wide, [{"op": "replace", "path": "/trustPolicy/Statement/0/Condition", "value": {"StringEquals": {"aws:PrincipalAccount": "444444444444"}}}])
	findings := rule.deny with input as inv([by_account])
	some f in findings
	fx.mentions(f.msg, "lets account 444444444444 assume it")
}

# A planned role whose account is not known: the Salesforce account is foreign to any customer
# account, other accounts may be its own; the message does not name the placeholder.
test_role_of_unknown_account_fires_for_salesforce_only if {
	open := object.union(fx.role("000000000000", "SCVS3Role", fx.trust([fx.salesforce_principal, "444444444444"], {})), {"arn": "arn:aws:iam:::role/SCVS3Role"})
	findings := rule.deny with input as fx.inventory([org], [object.union(fx.account_with("000000000000", null, [], [open], []), {"known": false})])
	count(findings) == 1
	some f in findings
	fx.mentions(f.msg, "lets account 793525387755 assume it")
	not contains(f.msg, "444444444444")
	not contains(f.msg, "000000000000")
	f.related == []
}
