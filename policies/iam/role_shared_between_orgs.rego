# METADATA
# title: IAM role shared between Salesforce orgs
# description: |
#   If you use the same IAM role ARN across multiple Salesforce orgs, the external ID mapped to the
#   role in one org isn't accessible in another, and every action in one org needs the external ID
#   updated in all trust relationships. Fires once per role ARN referenced by contact centers of
#   more than one active org. A role in an account that `settings.multiOrg` declares for a supported
#   multi-org setup (every referencing org in the group) gets an info-severity note instead, which
#   does not fail the rule.
# related_resources:
#   - ref: https://help.salesforce.com/apex/HTViewHelpDoc?id=service.voice_external_id.htm
#     description: Set Up External ID (Service Cloud Voice)
# custom:
#   id: SCV-IAM-003
#   severity: medium
#   inputs: [salesforce.contactCenters]
#   remediation: |
#     Give each org its own cross-account roles, in the AWS account dedicated to that org, and
#     configure each org's external ID on its own roles.
#   tags: [iam, external-id, isolation]
package scv.rules.iam.role_shared_between_orgs

import data.scv.lib.estate
import data.scv.lib.multi_org
import rego.v1

deny contains note if {
	some role_arn, org_ids in estate.orgs_by_role
	count(org_ids) > 1
	multi_org.covers_role(org_ids, role_arn)
	note := {
		"msg": sprintf("IAM role %s is referenced by contact centers of %d orgs (%s), %s.", [role_arn, count(org_ids), concat(", ", sort([estate.org_label_by_id(id) | some id in org_ids])), multi_org.note_text]),
		"resource": estate.role_ref(role_arn),
		"related": [estate.org_ref(estate.orgs_by_id[id]) | some id in sort(org_ids)],
		"severity": "info",
	}
}

deny contains finding if {
	some role_arn, org_ids in estate.orgs_by_role
	count(org_ids) > 1
	not multi_org.covers_role(org_ids, role_arn)
	finding := {
		"msg": sprintf(
			"IAM role %s is referenced by contact centers of %d orgs (%s). The external ID mapped to a role in one org isn't accessible in another: give each org its own cross-account roles.",
			[role_arn, count(org_ids), concat("; ", sort([org_text(estate.orgs_by_id[id], role_arn) | some id in org_ids]))],
		),
		"resource": estate.role_ref(role_arn),
		"related": [estate.org_ref(estate.orgs_by_id[id]) | some id in sort(org_ids)],
	}
}

# An org with the contact centers that reference the role.
org_text(org, role_arn) := sprintf("%s: contact center %s", [estate.org_label(org), concat(", ", sort([estate.cc_label(cc) |
	some cc in org.contactCenters
	role_arn in estate.cc_role_arns(cc)
]))])
