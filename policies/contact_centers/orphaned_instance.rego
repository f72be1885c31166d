# METADATA
# title: Amazon Connect instance left behind after its contact center was deleted
# description: |
#   Deleting a contact center does not delete its AWS artifacts. Fires once per Amazon Connect
#   instance linked to no contact center of an active org that carries evidence specific to it
#   of having served Service Cloud Voice: an SCV CloudFormation stack naming it (parameter
#   `ConnectInstanceId`, or its ARN or id as a parameter or output), an SCV tag on it, or a
#   contact center of a deleted org that pointed at it. SCV roles elsewhere in its account, or an
#   AppIntegrations association, say nothing about this instance (a native Connect instance or a
#   global-resiliency replica may sit beside SCV's). Fires only when the inventory holds Salesforce
#   orgs and none failed to be read; scan every org of the estate together with its AWS accounts,
#   or the instances of an org left out look unlinked. Instances declared in files (plans,
#   templates, flow exports: they carry `origin`, or stand in for an instance not known before
#   deployment) are left out. A contact center known only by its instance's alias links the one
#   instance with that alias where it may be; when that is not one instance, no instance with that
#   alias is called left behind, and the rule says it cannot know. An instance with the alias of the
#   global-resiliency replica a contact center names (reqSecondaryInstanceName) is not left behind.
# related_resources:
#   - ref: https://help.salesforce.com/apex/HTViewHelpDoc?id=service.voice_sandbox_guidelines.htm
#     description: Sandbox Org Guidelines for Service Cloud Voice and Amazon Connect (Deleting Contact Centers)
# custom:
#   id: SCV-CC-003
#   severity: medium
#   inputs: [aws.connectInstances, aws.connectInstances.tags, aws.cloudFormationStacks, salesforce.orgs, salesforce.contactCenters]
#   remediation: |
#     If the contact center that used the instance was deleted, delete the instance and its AWS
#     artifacts manually: the CloudFormation stack, Lambda functions and contact flows (back up
#     flows first if you want to reuse them). If the instance is still in use, link it to its
#     contact center, or remove the SCV tag from it.
#   tags: [contact-centers, lifecycle, cost]
package scv.rules.contact_centers.orphaned_instance

import data.scv.lib.estate
import data.scv.lib.scv_artifacts as artifacts
import rego.v1

evidence(entry) := (stack_evidence(entry) | tag_evidence(entry.instance)) | deleted_cc_evidence(entry.instance)

stack_evidence(entry) := {sprintf("SCV CloudFormation stack %s names it", [stack.name]) |
	some stack in artifacts.scv_stacks(entry.account)
	artifacts.stack_names_instance(stack, entry.instance)
}

tag_evidence(instance) := {sprintf("it carries SCV tag %s", [key]) | some key in artifacts.scv_tag_keys(instance.tags)}

deleted_cc_evidence(instance) := {sprintf("contact center %s of deleted org %s pointed at it", [link.cc, estate.org_label_by_id(link.org)]) |
	some link in artifacts.deleted_ccs_by_instance[instance.arn]
}

# The evidence of an instance that is linked to no contact center.
unlinked_evidence(entry) := found if {
	estate.salesforce_collected
	not entry.instance.origin
	not entry.instance.known == false
	not estate.ccs_by_instance[entry.instance.arn]
	found := evidence(entry)
	count(found) > 0
}

# An instance whose alias a contact center names without its instance being told apart may be
# that contact center's: it is not called left behind.
incomplete contains sprintf("Amazon Connect instance %s may be linked: %s.", [entry.instance.arn, u.reason]) if {
	some entry in estate.instances
	unlinked_evidence(entry)
	some u in estate.unresolved_aliases
	u.active
	u.alias == entry.instance.alias
}

deny contains finding if {
	some entry in estate.instances
	found := unlinked_evidence(entry)
	not entry.instance.alias in estate.unresolved_active_aliases
	not entry.instance.alias in estate.replica_aliases
	finding := {
		"msg": sprintf(
			"Amazon Connect instance %s in AWS account %s served Service Cloud Voice (%s) but is linked to no contact center. If its contact center was deleted, delete the instance and its AWS artifacts (CloudFormation stack, Lambda functions, contact flows) manually; if it is still in use, link it to its contact center.",
			[entry.instance.arn, entry.account.id, concat("; ", sort(found))],
		),
		"resource": estate.instance_ref(entry.instance.arn),
		"related": [estate.account_ref(entry.account.id)],
	}
}
