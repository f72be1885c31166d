# METADATA
# title: Trust policy open to anyone or with a loose external ID
# description: |
#   A trust statement of an SCV role (see SCV-IAM-001) allows `*` as principal without an
#   `aws:PrincipalOrgID`, `aws:PrincipalArn` or `aws:PrincipalAccount` condition restricting it
#   (negated, `...IfExists`, `ForAllValues:` tests and bare wildcards do not), or matches `sts:ExternalId` with a wildcard
#   (`StringLike` with `*` or `?`) or with a list of ids, so the external ID no longer identifies
#   one Salesforce org. Operators are read as AWS reads them: in any letter case, with or without
#   a `ForAnyValue:`/`ForAllValues:` prefix or an `IfExists` suffix. Fires once per role, listing
#   every weakness (statements numbered from 0 in policy order). A Deny statement that denies
#   everyone unless `sts:ExternalId` is one of a list of ids (`StringNotEquals`) accepts a list too.
# related_resources:
#   - ref: https://help.salesforce.com/apex/HTViewHelpDoc?id=service.voice_external_id.htm
#     description: Set Up External ID (Service Cloud Voice)
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_common-scenarios_third-party.html
#     description: Access to AWS accounts owned by third parties (external IDs)
# custom:
#   id: SCV-IAM-004
#   severity: high
#   inputs: [aws.iamRoles]
#   remediation: |
#     Name the trusted account explicitly as principal and require the one external ID generated
#     on the Service Cloud Voice setup page with a StringEquals sts:ExternalId condition.
#   tags: [iam, external-id, cross-account]
package scv.rules.iam.weak_trust

import data.scv.lib.estate
import data.scv.lib.iam
import rego.v1

# Statements are numbered by their position in the policy (from 0).
weaknesses(role) := {w |
	some [i, stmt] in iam.indexed_trust_statements(role)
	some w in statement_weaknesses(stmt, i)
} | {w |
	some [i, ids] in iam.external_id_gate_statements(role)
	some w in gate_weaknesses(ids, i)
}

# A Deny-unless-external-id gate (see lib/iam) that lets several ids through.
gate_weaknesses(ids, i) := {sprintf("statement %d lets a list of external IDs through (%s)", [i, concat(", ", sort(ids))]) |
	count(ids) > 1
}

statement_weaknesses(stmt, i) := ({sprintf("statement %d allows any principal (*) without an aws:PrincipalOrgID, aws:PrincipalArn or aws:PrincipalAccount condition restricting it", [i]) |
	iam.allows_any_principal(stmt)
	not iam.any_principal_restricted(stmt)
} | {sprintf("statement %d matches sts:ExternalId with a wildcard (%s)", [i, concat(", ", t.values)]) |
	some t in iam.matching_external_id_tests(stmt)
	iam.operator_base(t.operator) == "stringlike"
	some v in t.values
	is_string(v)
	regex.match(`[*?]`, v)
}) | {sprintf("statement %d accepts a list of external IDs (%s)", [i, concat(", ", t.values)]) |
	some t in iam.matching_external_id_tests(stmt)
	count({v | some v in t.values}) > 1
}

deny contains finding if {
	some acct in input.aws.accounts
	some role in acct.iamRoles
	estate.is_scv_role(role)
	found := weaknesses(role)
	count(found) > 0
	finding := {
		"msg": sprintf(
			"Trust policy of SCV role %s is too loose: %s. Name the trusted account as principal and require the one external ID from the Service Cloud Voice setup page with StringEquals.",
			[role.arn, concat("; ", sort(found))],
		),
		"resource": estate.role_ref(role.arn),
		"related": [estate.account_ref(acct.id) | estate.account_known(acct.id)],
	}
}
