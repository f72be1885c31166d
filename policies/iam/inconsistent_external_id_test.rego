package scv.test.rules.iam.inconsistent_external_id

import data.scv.test.fixtures as fx
import data.scv.rules.iam.inconsistent_external_id as rule
import rego.v1

inv(roles) := fx.inventory([], [fx.account_with("111111111111", "prod", [], roles, [])])

test_same_external_id_everywhere_passes if {
	count(rule.deny) == 0 with input as inv(fx.scv_roles("111111111111", "ext-1"))
}

test_different_external_ids_fire if {
	roles := array.concat(fx.scv_roles("111111111111", "ext-1"), [fx.role("111111111111", "SCVUpdateCredentialRole", fx.trust(fx.salesforce_principal, fx.external_id("ext-2")))])
	findings := rule.deny with input as inv(roles)
	count(findings) == 1
	some f in findings
	f.resource == {"type": "aws-account", "id": "111111111111", "environment": "prod"}
	count(f.related) == 5
	fx.mentions(f.msg, "arn:aws:iam::111111111111:role/SCVUpdateCredentialRole: ext-2")
	fx.mentions(f.msg, "add the same external ID to the trust relationship of all cross-account roles")
}

test_role_without_external_id_fires if {
	roles := array.concat(fx.scv_roles("111111111111", "ext-1"), [fx.role("111111111111", "SCVExtraRole", fx.trust(fx.salesforce_principal, {}))])
	findings := rule.deny with input as inv(roles)
	some f in findings
	fx.mentions(f.msg, "arn:aws:iam::111111111111:role/SCVExtraRole: none")
}

test_common_id_among_lists_passes if {
	roles := [
		fx.role("111111111111", "SCVS3Role", fx.trust(fx.salesforce_principal, fx.external_id("ext-1"))),
		fx.role("111111111111", "SCVProvisioningRole", fx.trust(fx.salesforce_principal, fx.external_id(["ext-1", "ext-old"]))),
	]
	count(rule.deny) == 0 with input as inv(roles)
}

test_no_external_ids_at_all_left_to_iam_001 if {
	roles := [fx.role("111111111111", "SCVS3Role", fx.trust(fx.salesforce_principal, {})), fx.role("111111111111", "SCVProvisioningRole", fx.trust(fx.salesforce_principal, {}))]
	count(rule.deny) == 0 with input as inv(roles)
}

test_roles_of_other_accounts_are_separate if {
	accounts := [
		fx.account_with("111111111111", "prod", [], fx.scv_roles("111111111111", "ext-1"), []),
		fx.account_with("222222222222", "dev", [], fx.scv_roles("222222222222", "ext-2"), []),
	]
	count(rule.deny) == 0 with input as fx.inventory([], accounts)
}

test_service_roles_are_not_compared if {
	roles := array.concat(fx.scv_roles("111111111111", "ext-1"), [fx.role("111111111111", "SCVLambdaRole", {"Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]})])
	count(rule.deny) == 0 with input as inv(roles)
}

test_external_id_required_by_a_deny_gate_counts if {
	gated := fx.role("111111111111", "SCVExtraRole", {"Statement": [
		{"Effect": "Allow", "Principal": {"AWS": fx.salesforce_principal}, "Action": "sts:AssumeRole"},
		{"Effect": "Deny", "Principal": "*", "Action": "sts:AssumeRole", "Condition": {"StringNotEquals": {"sts:ExternalId": "ext-1"}}},
	]})
	count(rule.deny) == 0 with input as inv(array.concat(fx.scv_roles("111111111111", "ext-1"), [gated]))
	other := json.patch(gated, [{"op": "replace", "path": "/trustPolicy/Statement/1/Condition/StringNotEquals/sts:ExternalId", "value": "ext-2"}])
	findings := rule.deny with input as inv(array.concat(fx.scv_roles("111111111111", "ext-1"), [other]))
	some f in findings
	fx.mentions(f.msg, "arn:aws:iam::111111111111:role/SCVExtraRole: ext-2")
}

test_ignore_case_match_accepts_the_same_id if {
	ignore_case := fx.role("111111111111", "SCVUpdateCredentialRole", fx.trust(fx.salesforce_principal, {"StringEqualsIgnoreCase": {"sts:ExternalId": "EXT-1"}}))
	count(rule.deny) == 0 with input as inv(array.concat(fx.scv_roles("111111111111", "ext-1"), [ignore_case]))
}

test_case_differs_under_string_equals_fires if {
	exact := fx.role("111111111111", "SCVUpdateCredentialRole", fx.trust(fx.salesforce_principal, fx.external_id("EXT-1")))
	count(rule.deny) == 1 with input as inv(array.concat(fx.scv_roles("111111111111", "ext-1"), [exact]))
}

test_string_like_pattern_accepts_the_id if {
	like := fx.role("111111111111", "SCVUpdateCredentialRole", fx.trust(fx.salesforce_principal, {"stringlike": {"sts:externalid": "ext-?"}}))
	count(rule.deny) == 0 with input as inv(array.concat(fx.scv_roles("111111111111", "ext-1"), [like]))
}

test_pipeline_role_trusted_by_estate_account_is_not_compared if {
	pipeline := fx.role("111111111111", "SCV-PipelineDeploy", fx.trust("arn:aws:iam::333333333333:root", {}))
	accounts := [fx.account_with("111111111111", "prod", [], array.concat(fx.scv_roles("111111111111", "ext-1"), [pipeline]), []), fx.account("333333333333", "tooling")]
	count(rule.deny) == 0 with input as fx.inventory([], accounts)
}

test_named_role_trusted_by_outside_account_is_compared if {
	pipeline := fx.role("111111111111", "SCV-PipelineDeploy", fx.trust("arn:aws:iam::444444444444:root", {}))
	findings := rule.deny with input as inv(array.concat(fx.scv_roles("111111111111", "ext-1"), [pipeline]))
	some f in findings
	fx.mentions(f.msg, "arn:aws:iam::111111111111:role/SCV-PipelineDeploy: none")
}
