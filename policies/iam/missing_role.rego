# METADATA
# title: Contact center references a cross-account role that does not exist
# description: |
#   A contact center references a role ARN (provisioning, connect-management,
#   update-credential, instance-recording, S3) that does not exist in its AWS account. Fires once
#   per contact center, only when that account and its roles were read live (an account known only
#   from plan or template files may hold roles they do not declare, and an account whose roles
#   could not be read is SCV-COLL-001's). A role slot left empty is no finding: the external-ID
#   table of the Service Cloud Voice setup lists the roles an id applies to, not required roles
#   (the management role is optional, the update-credential role is used only if given).
# related_resources:
#   - ref: https://help.salesforce.com/apex/HTViewHelpDoc?id=service.voice_external_id.htm
#     description: Set Up External ID (roles per Amazon contact center type)
# custom:
#   id: SCV-IAM-005
#   severity: medium
#   inputs: [salesforce.contactCenters, aws.iamRoles]
#   remediation: |
#     Create the missing role in the org's AWS account (from the Service Cloud Voice CloudFormation
#     stack, with the external ID in its trust relationship), or correct the role ARN on the
#     contact center.
#   tags: [iam, contact-centers]
package scv.rules.iam.missing_role

import data.scv.lib.arn
import data.scv.lib.estate
import rego.v1

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

problems(cc) := {sprintf("its %s role %s does not exist in account %s", [slot, role_arn, account_id]) |
	some slot, role_arn in cc.roles
	is_string(role_arn)
	account_id := arn.account(role_arn)
	roles_known(account_id)
	not estate.roles_by_arn[role_arn]
}

deny contains finding if {
	some entry in estate.contact_centers
	found := problems(entry.cc)
	count(found) > 0
	finding := {
		"msg": sprintf(
			"Contact center %s of org %s (%s) references cross-account roles that do not exist: %s. Create the role in the org's AWS account (with the external ID from the Service Cloud Voice setup page in its trust relationship) or correct the role ARN on the contact center.",
			[estate.cc_label(entry.cc), estate.org_label(entry.org), entry.cc.provisioning, concat("; ", sort(found))],
		),
		"resource": estate.cc_ref(entry.cc, entry.org),
		"related": array.concat([estate.org_ref(entry.org)], [estate.role_ref(r) | some r in sort(estate.cc_role_arns(entry.cc))]),
	}
}
