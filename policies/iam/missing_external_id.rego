# METADATA
# title: SCV cross-account role assumable without an external ID
# description: |
#   A Service Cloud Voice cross-account role (provisioning, connect-management, update-credential,
#   instance-recording, S3; matched by the contact centers' role ARNs, by the configurable name
#   patterns, or by trusting a Salesforce account) has a trust statement that lets another
#   account assume it without requiring `sts:ExternalId` (StringEquals or StringLike; negated,
#   IfExists and Null tests do not require one; a Deny statement for any principal whose only
#   condition is `StringNotEquals` on `sts:ExternalId` requires one of every statement). Fires
#   once per role.
# related_resources:
#   - ref: https://help.salesforce.com/apex/HTViewHelpDoc?id=service.voice_external_id.htm
#     description: Set Up External ID (Service Cloud Voice)
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html
#     description: The confused deputy problem
# custom:
#   id: SCV-IAM-001
#   severity: high
#   remediation: |
#     Generate an external ID with Configure External ID on the Service Cloud Voice setup page and
#     add it as a StringEquals sts:ExternalId condition to the trust relationship of every
#     cross-account role in the AWS account.
#   tags: [iam, external-id, cross-account]
package scv.rules.iam.missing_external_id

import data.scv.lib.estate
import data.scv.lib.iam
import rego.v1

deny contains finding if {
	some acct in input.aws.accounts
	some role in acct.iamRoles
	estate.is_scv_role(role)
	open := {a |
		some stmt in iam.trust_statements(role)
		not iam.statement_requires_external_id(role, stmt)
		some a in iam.foreign_principal_accounts(stmt, iam.role_account(role))
	}
	count(open) > 0
	finding := {
		"msg": sprintf(
			"SCV role %s lets %s assume it without an sts:ExternalId condition. Generate an external ID (Configure External ID on the Service Cloud Voice setup page) and add it to the trust relationship of every cross-account role in account %s.",
			[role.arn, principals_text(open), acct.id],
		),
		"resource": estate.role_ref(role.arn),
		"related": [estate.account_ref(acct.id)],
	}
}

principals_text(accounts) := concat(", ", sort([label(a) | some a in accounts]))

label(a) := "any principal (*)" if a == "*"

label(a) := sprintf("account %s", [a]) if a != "*"
