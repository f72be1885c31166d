# METADATA
# title: SCV cross-account role assumable without an external ID
# description: |
#   A Service Cloud Voice cross-account role has an Allow trust statement (`Action` or `NotAction`
#   covering `sts:AssumeRole`) that lets another account assume it without requiring
#   `sts:ExternalId` (StringEquals, StringEqualsIgnoreCase or StringLike, optionally
#   `ForAnyValue:`; `ForAllValues:` and `...IfExists` tests pass when the key is absent, negated and
#   Null tests match no id; a Deny statement for any principal whose only condition is
#   `StringNotEquals` on `sts:ExternalId` requires one of every statement). A `*` principal
#   restricted by `aws:PrincipalAccount`/`aws:PrincipalArn` lets in those accounts; one restricted
#   by `aws:PrincipalOrgID` lets in no third party. An SCV role is one a contact center references
#   or one that trusts a Salesforce account (`salesforceAccountIds`); a name matching
#   `scvRoleNamePatterns` adds a role only when it also trusts an account outside the estate (or
#   anyone). Fires once per role; the message names each open statement (Sid or position) and why
#   its condition does not require the id.
# related_resources:
#   - ref: https://help.salesforce.com/apex/HTViewHelpDoc?id=service.voice_external_id.htm
#     description: Set Up External ID (Service Cloud Voice)
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
#     description: The confused deputy problem
# custom:
#   id: SCV-IAM-001
#   severity: high
#   inputs: [aws.iamRoles]
#   remediation: |
#     Generate an external ID with Configure External ID on the Service Cloud Voice setup page and
#     add it as a StringEquals sts:ExternalId condition to the trust relationship of every
#     cross-account role in the AWS account.
#   tags: [iam, external-id, cross-account]
package scv.rules.iam.missing_external_id

import data.scv.lib.estate
import data.scv.lib.iam
import rego.v1

# Allow statements that let a foreign account in without requiring an external id: [label, accounts, why].
open_statements(role) := [[concat("", [iam.statement_label(i, stmt), not_action_note(stmt)]), admitted, why(stmt)] |
	some [i, stmt] in iam.indexed_trust_statements(role)
	not iam.statement_requires_external_id(role, stmt)
	admitted := iam.role_admitted_foreign_accounts(role, stmt)
	count(admitted) > 0
]

why(stmt) := "has no sts:ExternalId condition" if count(iam.external_id_tests(stmt)) == 0

why(stmt) := sprintf("tests sts:ExternalId only in ways that do not require it (%s)", [concat("; ", sort({iam.external_id_test_weakness(t.operator) | some t in iam.external_id_tests(stmt)}))]) if {
	count(iam.external_id_tests(stmt)) > 0
}

not_action_note(stmt) := " (its NotAction covers sts:AssumeRole)" if object.get(stmt, "NotAction", null) != null

not_action_note(stmt) := "" if object.get(stmt, "NotAction", null) == null

deny contains finding if {
	some acct in input.aws.accounts
	some role in acct.iamRoles
	estate.is_scv_role(role)
	open := open_statements(role)
	count(open) > 0
	accounts := {a | some o in open; some a in o[1]}
	finding := {
		"msg": sprintf(
			"SCV role %s lets %s assume it without requiring an sts:ExternalId: %s. Generate an external ID (Configure External ID on the Service Cloud Voice setup page) and require it with a StringEquals sts:ExternalId condition in the trust relationship of every cross-account role in %s.",
			[role.arn, principals_text(accounts), concat("; ", sort([sprintf("%s %s", [o[0], o[2]]) | some o in open])), account_text(acct.id)],
		),
		"resource": estate.role_ref(role.arn),
		"related": [estate.account_ref(acct.id) | estate.account_known(acct.id)],
	}
}

account_text(id) := sprintf("account %s", [id]) if estate.account_known(id)

account_text(id) := "its account" if not estate.account_known(id)

principals_text(accounts) := concat(", ", sort([label(a) | some a in accounts]))

label(a) := "any principal (*)" if a == "*"

label(a) := sprintf("account %s", [a]) if a != "*"
