# METADATA
# title: Amazon Connect instance left behind after its contact center was deleted
# description: |
#   Deleting a contact center does not delete its AWS artifacts. Fires once per Amazon Connect
#   instance that carries Service Cloud Voice artifacts (a Salesforce integration association,
#   SCV tags, or SCV roles in its account) but is linked to no contact center of an active org.
#   Fires only when the inventory holds Salesforce orgs and none failed to be read; scan every org of the estate together
#   with its AWS accounts, or the instances of an org left out look unlinked. Instances declared
#   in files (plans, templates, flow exports: they carry `origin`) are not yet deployed or only
#   referenced, and are left out.
# related_resources:
#   - ref: https://help.salesforce.com/apex/HTViewHelpDoc?id=service.voice_sandbox_guidelines.htm
#     description: Sandbox Org Guidelines for Service Cloud Voice and Amazon Connect (Deleting Contact Centers)
# custom:
#   id: SCV-CC-003
#   severity: medium
#   inputs: [aws.connectInstances, aws.connectInstances.integrations, aws.connectInstances.tags, aws.iamRoles, salesforce.contactCenters]
#   remediation: |
#     After you delete a contact center, manually delete its AWS artifacts: the Amazon Connect
#     instance, CloudFormation stack, Lambda functions and contact flows (back up flows first if
#     you want to reuse them).
#   tags: [contact-centers, lifecycle, cost]
package scv.rules.contact_centers.orphaned_instance

import data.scv.lib.config
import data.scv.lib.estate
import rego.v1

artifacts(entry) := (integration_artifacts(entry.instance) | tag_artifacts(entry.instance)) | role_artifacts(entry.account)

integration_artifacts(instance) := {"a Salesforce integration association" |
	some integration in instance.integrations
	integration.sourceType == "SALESFORCE"
}

tag_artifacts(instance) := {sprintf("tag %s", [key]) |
	some key, _ in instance.tags
	some pattern in config.scv_tag_key_patterns
	glob.match(pattern, null, key)
}

role_artifacts(acct) := {"SCV roles in its account" |
	some role in acct.iamRoles
	estate.is_scv_role(role)
}

deny contains finding if {
	estate.salesforce_collected
	some entry in estate.instances
	not entry.instance.origin
	estate.instance_known(entry.instance)
	not estate.ccs_by_instance[entry.instance.arn]
	found := artifacts(entry)
	count(found) > 0
	finding := {
		"msg": sprintf(
			"Amazon Connect instance %s in AWS account %s carries Service Cloud Voice artifacts (%s) but is linked to no contact center. If its contact center was deleted, delete the instance and its AWS artifacts (CloudFormation stack, Lambda functions, contact flows) manually.",
			[entry.instance.arn, entry.account.id, concat(", ", sort(found))],
		),
		"resource": estate.instance_ref(entry.instance.arn),
		"related": [estate.account_ref(entry.account.id)],
	}
}
