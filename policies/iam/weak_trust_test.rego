package scv.test.rules.iam.weak_trust

import data.scv.test.fixtures as fx
import data.scv.rules.iam.weak_trust as rule
import rego.v1

inv(roles) := fx.inventory([], [fx.account_with("111111111111", "prod", [], roles, [])])

test_exact_external_id_passes if {
	count(rule.deny) == 0 with input as inv(fx.scv_roles("111111111111", "ext-1"))
}

test_star_principal_string_fires if {
	role := fx.role("111111111111", "SCVS3Role", {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole", "Condition": fx.external_id("x")}]})
	findings := rule.deny with input as inv([role])
	count(findings) == 1
	some f in findings
	f.resource.id == "arn:aws:iam::111111111111:role/SCVS3Role"
	fx.mentions(f.msg, "statement 0 allows any principal (*)")
	fx.mentions(f.msg, "require the one external ID")
}

test_star_in_aws_array_fires if {
	role := fx.role("111111111111", "SCVAnyRole", fx.trust(["111111111111", "*"], {}))
	count(rule.deny) == 1 with input as inv([role])
}

test_string_like_wildcard_fires if {
	role := fx.role("111111111111", "SCVS3Role", fx.trust(fx.salesforce_principal, {"StringLike": {"sts:ExternalId": "acme-*"}}))
	findings := rule.deny with input as inv([role])
	some f in findings
	fx.mentions(f.msg, "matches sts:ExternalId with a wildcard (acme-*)")
}

test_string_like_without_wildcard_passes if {
	role := fx.role("111111111111", "SCVS3Role", fx.trust(fx.salesforce_principal, {"StringLike": {"sts:ExternalId": "acme-1"}}))
	count(rule.deny) == 0 with input as inv([role])
}

test_string_equals_with_question_mark_passes if {
	role := fx.role("111111111111", "SCVS3Role", fx.trust(fx.salesforce_principal, {"StringEquals": {"sts:ExternalId": "what?"}}))
	count(rule.deny) == 0 with input as inv([role])
}

test_list_of_ids_fires if {
	role := fx.role("111111111111", "SCVS3Role", fx.trust(fx.salesforce_principal, fx.external_id(["a", "b"])))
	findings := rule.deny with input as inv([role])
	some f in findings
	fx.mentions(f.msg, "accepts a list of external IDs (a, b)")
}

test_several_weaknesses_one_finding if {
	policy := {"Statement": [
		{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "Principal": {"AWS": fx.salesforce_principal}, "Action": "sts:AssumeRole", "Condition": {"StringLike": {"sts:ExternalId": ["a?", "b"]}}},
	]}
	findings := rule.deny with input as inv([fx.role("111111111111", "SCVS3Role", policy)])
	count(findings) == 1
	some f in findings
	fx.mentions(f.msg, "statement 0 allows any principal")
	fx.mentions(f.msg, "statement 1 accepts a list")
	fx.mentions(f.msg, "statement 1 matches sts:ExternalId with a wildcard")
}

test_deny_statement_is_ignored if {
	role := fx.role("111111111111", "SCVS3Role", {"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "sts:AssumeRole"}]})
	count(rule.deny) == 0 with input as inv([role])
}

test_string_like_if_exists_wildcard_fires if {
	role := fx.role("111111111111", "SCVS3Role", fx.trust(fx.salesforce_principal, {"StringLikeIfExists": {"sts:externalid": "acme-*"}}))
	findings := rule.deny with input as inv([role])
	count(findings) == 1
	some f in findings
	fx.mentions(f.msg, "statement 0 matches sts:ExternalId with a wildcard (acme-*)")
}

test_for_all_values_list_of_ids_fires if {
	role := fx.role("111111111111", "SCVS3Role", fx.trust(fx.salesforce_principal, {"forallvalues:stringequals": {"sts:ExternalId": ["a", "b"]}}))
	findings := rule.deny with input as inv([role])
	some f in findings
	fx.mentions(f.msg, "statement 0 accepts a list of external IDs (a, b)")
}

test_negated_list_of_ids_passes if {
	policy := {"Statement": [{"Effect": "Allow", "Principal": {"AWS": fx.salesforce_principal}, "Action": "sts:AssumeRole", "Condition": {
		"StringEquals": {"sts:ExternalId": "a"},
		"StringNotEquals": {"sts:ExternalId": ["b", "c"]},
	}}]}
	count(rule.deny) == 0 with input as inv([fx.role("111111111111", "SCVS3Role", policy)])
}

test_repeated_single_id_is_not_a_list if {
	role := fx.role("111111111111", "SCVS3Role", fx.trust(fx.salesforce_principal, fx.external_id(["a", "a"])))
	count(rule.deny) == 0 with input as inv([role])
}

test_assume_action_matched_by_wildcard_pattern if {
	role := fx.role("111111111111", "SCVS3Role", {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["sts:TagSession", "STS:AssumeRol?"]}]})
	findings := rule.deny with input as inv([role])
	some f in findings
	fx.mentions(f.msg, "statement 0 allows any principal (*)")
}

test_star_principal_for_other_action_passes if {
	role := fx.role("111111111111", "SCVS3Role", {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRoleWithWebIdentity"}]})
	count(rule.deny) == 0 with input as inv([role])
}

test_statement_numbers_follow_the_policy_order if {
	policy := {"Statement": [
		{"Effect": "Deny", "Principal": {"AWS": "arn:aws:iam::444444444444:root"}, "Action": "sts:AssumeRole"},
		{"Effect": "Allow", "Principal": {"Service": "connect.amazonaws.com"}, "Action": "sts:TagSession"},
		{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"},
	]}
	findings := rule.deny with input as inv([fx.role("111111111111", "SCVS3Role", policy)])
	some f in findings
	fx.mentions(f.msg, "statement 2 allows any principal (*)")
}

test_deny_gate_with_a_list_of_ids_fires if {
	policy := {"Statement": [
		{"Effect": "Allow", "Principal": {"AWS": fx.salesforce_principal}, "Action": "sts:AssumeRole"},
		{"Effect": "Deny", "Principal": "*", "Action": "sts:AssumeRole", "Condition": {"StringNotEquals": {"sts:ExternalId": ["b", "a"]}}},
	]}
	findings := rule.deny with input as inv([fx.role("111111111111", "SCVS3Role", policy)])
	count(findings) == 1
	some f in findings
	fx.mentions(f.msg, "statement 1 lets a list of external IDs through (a, b)")
}

test_deny_gate_with_one_id_passes if {
	policy := {"Statement": [
		{"Effect": "Allow", "Principal": {"AWS": fx.salesforce_principal}, "Action": "sts:AssumeRole"},
		{"Effect": "Deny", "Principal": "*", "Action": "sts:AssumeRole", "Condition": {"StringNotEquals": {"sts:ExternalId": "a"}}},
	]}
	count(rule.deny) == 0 with input as inv([fx.role("111111111111", "SCVS3Role", policy)])
}

test_role_outside_scv_set_is_not_judged if {
	audit := fx.role("111111111111", "OrgAuditRole", {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}]})
	count(rule.deny) == 0 with input as inv([audit])
}

test_star_restricted_by_principal_conditions_passes if {
	every key in ["aws:PrincipalOrgID", "aws:PrincipalArn", "aws:PrincipalAccount"] {
		role := fx.role("111111111111", "SCVS3Role", {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole", "Condition": {"StringEquals": {key: "o-abc123", "sts:ExternalId": "ext-1"}}}]})
		count(rule.deny) == 0 with input as inv([role])
	}
}

test_star_with_weak_restriction_fires if {
	role := fx.role("111111111111", "SCVS3Role", {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole", "Condition": {"StringEqualsIfExists": {"aws:PrincipalOrgID": "o-abc123"}, "StringEquals": {"sts:ExternalId": "ext-1"}}}]})
	findings := rule.deny with input as inv([role])
	some f in findings
	fx.mentions(f.msg, "statement 0 allows any principal (*) without an aws:PrincipalOrgID, aws:PrincipalArn or aws:PrincipalAccount condition restricting it")
}
