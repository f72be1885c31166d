# METADATA
# title: SCV roles of one account do not share an external ID
# description: |
#   The external ID is valid only when it is in the trust policy of every cross-account management
#   role of the AWS account. Fires once per account whose cross-account SCV roles require external
#   IDs but no single external ID is accepted by all of them (including when some roles require
#   none). An id is accepted as AWS matches it: exactly (`StringEquals`), in any case
#   (`StringEqualsIgnoreCase`) or by pattern (`StringLike`). Accounts where no role requires an external ID are left to SCV-IAM-001.
# related_resources:
#   - ref: https://help.salesforce.com/apex/HTViewHelpDoc?id=service.voice_external_id.htm
#     description: Set Up External ID (Service Cloud Voice)
# custom:
#   id: SCV-IAM-002
#   severity: high
#   inputs: [aws.iamRoles]
#   remediation: |
#     Add the external ID generated on the Service Cloud Voice setup page to the trust relationship
#     of all cross-account roles in the account, including the provisioning role if used.
#   tags: [iam, external-id, cross-account]
package scv.rules.iam.inconsistent_external_id

import data.scv.lib.estate
import data.scv.lib.iam
import rego.v1

# account id -> its cross-account SCV roles: {arn, ids}
scv_roles[account_id] contains {"arn": role.arn, "ids": iam.role_external_ids(role), "matchers": iam.role_external_id_matchers(role)} if {
	some acct in input.aws.accounts
	account_id := acct.id
	estate.account_known(account_id)
	some role in acct.iamRoles
	estate.is_scv_role(role)
	count(iam.role_foreign_accounts(role)) > 0
}

deny contains finding if {
	some account_id, roles in scv_roles
	all_ids := {id | some r in roles; some id in r.ids}
	count(all_ids) > 0
	common := {id | some id in all_ids; every r in roles { iam.accepts_external_id(r.matchers, id) }}
	count(common) == 0
	sorted := sort(roles)
	finding := {
		"msg": sprintf(
			"The SCV roles of AWS account %s do not all require the same external ID (%s). The external ID is valid only when it is in every role's trust policy: add the same external ID to the trust relationship of all cross-account roles.",
			[account_id, concat("; ", [sprintf("%s: %s", [r.arn, ids_text(r.ids)]) | some r in sorted])],
		),
		"resource": estate.account_ref(account_id),
		"related": [estate.role_ref(r.arn) | some r in sorted],
	}
}

ids_text(ids) := "none" if count(ids) == 0

ids_text(ids) := concat(", ", sort(ids)) if count(ids) > 0
