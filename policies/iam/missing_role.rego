# METADATA
# title: Contact center lacks a cross-account role or references a missing one
# description: |
#   A Partner Telephony contact center needs the cross-account roles of its provisioning type:
#   new or existing instance integrated by Salesforce need provisioning, connect-management,
#   instance-recording and S3 roles; an XML import needs connect-management, update-credential,
#   instance-recording and S3 roles. Fires once per contact center that lacks one, or that
#   references a role absent from its account (only when that account and its roles were read
#   live: an account known only from plan or template files may hold roles they do not declare).
# related_resources:
#   - ref: https://help.salesforce.com/apex/HTViewHelpDoc?id=service.voice_external_id.htm
#     description: Set Up External ID (roles per Amazon contact center type)
# custom:
#   id: SCV-IAM-005
#   severity: medium
#   remediation: |
#     Create the missing cross-account roles in the org's AWS account (or fix the role ARNs in the
#     contact center) so that every role its contact center type needs exists and carries the
#     external ID.
#   tags: [iam, contact-centers]
package scv.rules.iam.missing_role

import data.scv.lib.arn
import data.scv.lib.estate
import rego.v1

required_roles := {
	"new-instance": ["provisioning", "connectManagement", "instanceRecording", "s3"],
	"existing-instance": ["provisioning", "connectManagement", "instanceRecording", "s3"],
	"xml-import": ["connectManagement", "updateCredential", "instanceRecording", "s3"],
}

# An account whose roles were read: in the inventory, with no collection error about it, and
# not known only from files (plans, templates declare some roles, not all that exist).
roles_known(account_id) if {
	acct := estate.accounts_by_id[account_id]
	not failed_accounts[account_id]
	not declared_only(acct)
}

# Every resource of the account comes from a file (carries `origin`).
declared_only(acct) if {
	resources := array.concat(array.concat(acct.connectInstances, acct.iamRoles), acct.s3Buckets)
	count(resources) > 0
	every r in resources { r.origin }
}

failed_accounts contains account_id if {
	some e in input.collection.errors
	e.source == "aws"
	some account_id in regex.split(`[/:]`, e.target)
	arn.is_account_id(account_id)
}

problems(cc) := {sprintf("it has no %s role", [slot]) |
	some slot in required_roles[cc.provisioning]
	not is_string(cc.roles[slot])
} | {sprintf("its %s role %s does not exist in account %s", [slot, role_arn, account_id]) |
	some slot, role_arn in cc.roles
	is_string(role_arn)
	account_id := arn.account(role_arn)
	roles_known(account_id)
	not estate.roles_by_arn[role_arn]
}

deny contains finding if {
	some entry in estate.contact_centers
	entry.cc.telephonyModel == "partner-telephony"
	found := problems(entry.cc)
	count(found) > 0
	finding := {
		"msg": sprintf(
			"Contact center %s of org %s (%s) is missing cross-account roles: %s. Create every role its contact center type needs in the org's AWS account and set its ARN on the contact center.",
			[estate.cc_label(entry.cc), estate.org_label(entry.org), entry.cc.provisioning, concat("; ", sort(found))],
		),
		"resource": estate.cc_ref(entry.cc, entry.org),
		"related": array.concat([estate.org_ref(entry.org)], [estate.role_ref(r) | some r in sort(estate.cc_role_arns(entry.cc))]),
	}
}
