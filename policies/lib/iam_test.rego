package scv.test.lib.iam

import data.scv.lib.iam
import rego.v1

test_as_list if {
	iam.as_list("a") == ["a"]
	iam.as_list(["a", "b"]) == ["a", "b"]
	iam.as_list(null) == []
}

test_principals_string_and_array if {
	iam.aws_principals({"Principal": {"AWS": "arn:aws:iam::111111111111:root"}}) == ["arn:aws:iam::111111111111:root"]
	iam.aws_principals({"Principal": {"AWS": ["111111111111", "222222222222"]}}) == ["111111111111", "222222222222"]
	iam.aws_principals({"Principal": "*"}) == ["*"]
	iam.aws_principals({"Principal": {"Service": "lambda.amazonaws.com"}}) == []
	iam.aws_principals({}) == []
}

test_principal_accounts if {
	iam.principal_accounts({"Principal": {"AWS": ["arn:aws:iam::111111111111:role/a", "222222222222", "*"]}}) == {"111111111111", "222222222222", "*"}
	iam.foreign_principal_accounts({"Principal": {"AWS": ["111111111111", "222222222222"]}}, "111111111111") == {"222222222222"}
}

test_allows_assume_role_forms if {
	iam.allows_assume_role({"Action": "sts:AssumeRole"})
	iam.allows_assume_role({"Action": ["sts:TagSession", "STS:AssumeRole"]})
	iam.allows_assume_role({"Action": "*"})
	not iam.allows_assume_role({"Action": "s3:GetObject"})
}

test_external_id_string_equals if {
	stmt := {"Condition": {"StringEquals": {"sts:ExternalId": "abc"}}}
	iam.requires_external_id(stmt)
	iam.external_ids(stmt) == {"abc"}
}

test_external_id_key_case_insensitive if {
	iam.requires_external_id({"Condition": {"StringEquals": {"STS:externalid": "abc"}}})
}

test_external_id_string_like_requires if {
	iam.requires_external_id({"Condition": {"StringLike": {"sts:ExternalId": "ab*"}}})
}

test_external_id_negated_or_if_exists_does_not_require if {
	not iam.requires_external_id({"Condition": {"StringNotEquals": {"sts:ExternalId": "abc"}}})
	not iam.requires_external_id({"Condition": {"StringEqualsIfExists": {"sts:ExternalId": "abc"}}})
	not iam.requires_external_id({"Condition": {"Null": {"sts:ExternalId": "false"}}})
	not iam.requires_external_id({"Condition": null})
	not iam.requires_external_id({})
}

test_external_id_list if {
	iam.external_ids({"Condition": {"StringEquals": {"sts:ExternalId": ["a", "b"]}}}) == {"a", "b"}
}

trusting_role(statements) := {"arn": "arn:aws:iam::111111111111:role/SCVS3Role", "name": "SCVS3Role", "trustPolicy": {"Statement": statements}}

test_role_external_ids_over_statements if {
	role := trusting_role([
		{"Effect": "Allow", "Principal": {"AWS": "793525387755"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "a"}}},
		{"Effect": "Allow", "Principal": {"AWS": "444444444444"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "b"}}},
		{"Effect": "Deny", "Principal": {"AWS": "555555555555"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "c"}}},
	])
	iam.role_external_ids(role) == {"a", "b"}
	iam.role_foreign_accounts(role) == {"793525387755", "444444444444"}
}

test_role_without_trust_policy if {
	role := {"arn": "arn:aws:iam::111111111111:role/x", "name": "x", "trustPolicy": null}
	iam.trust_statements(role) == []
	iam.role_foreign_accounts(role) == set()
}

test_scv_name_patterns if {
	iam.name_matches_scv_pattern("SCVS3Role")
	iam.name_matches_scv_pattern("acme-prod-SCVS3Role-1A2B")
	iam.name_matches_scv_pattern("stack-AmazonConnectManagementRole-XYZ")
	not iam.name_matches_scv_pattern("LambdaExecutionRole")
}

test_scv_name_patterns_from_config if {
	iam.name_matches_scv_pattern("Telephony.Bridge") with data.config as {"scvRoleNamePatterns": ["Telephony*"]}
	not iam.name_matches_scv_pattern("SCVS3Role") with data.config as {"scvRoleNamePatterns": ["Telephony*"]}
}

test_trusts_salesforce if {
	iam.trusts_salesforce(trusting_role([{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::793525387755:root"}, "Action": "sts:AssumeRole"}]))
	not iam.trusts_salesforce(trusting_role([{"Effect": "Allow", "Principal": {"Service": "connect.amazonaws.com"}, "Action": "sts:AssumeRole"}]))
}

test_operator_base_drops_set_prefix_and_if_exists if {
	iam.operator_base("ForAnyValue:StringLikeIfExists") == "stringlike"
	iam.operator_base("forallvalues:StringEquals") == "stringequals"
	iam.operator_base("StringEqualsIgnoreCase") == "stringequalsignorecase"
	iam.operator_base("StringNotEquals") == "stringnotequals"
}

test_assume_role_action_patterns if {
	iam.allows_assume_role({"Action": "sts:Assume*"})
	iam.allows_assume_role({"Action": ["s3:GetObject", "STS:AssumeRole"]})
	iam.allows_assume_role({"Action": "*"})
	not iam.allows_assume_role({"Action": "sts:AssumeRoleWithSAML"})
	not iam.allows_assume_role({"Action": "sts:TagSession"})
}

test_role_name_patterns_with_a_hyphen if {
	iam.name_matches_scv_pattern("ProdPartnerNew-ConnectCallRole")
	iam.name_matches_scv_pattern("SCV.Recording-Role")
	not iam.name_matches_scv_pattern("ProdConnectCallRole")
}

test_string_like_external_id_with_a_hyphen if {
	iam.accepts_external_id({["stringlike", "ext-?"]}, "ext-1")
	not iam.accepts_external_id({["stringlike", "ext-?"]}, "ext-12")
	iam.accepts_external_id({["stringequalsignorecase", "EXT-1"]}, "ext-1")
	not iam.accepts_external_id({["stringequals", "EXT-1"]}, "ext-1")
}
