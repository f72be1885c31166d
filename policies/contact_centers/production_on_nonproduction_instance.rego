# METADATA
# title: Production contact center on a non-production instance
# description: |
#   An Amazon Connect instance cannot be migrated from a sandbox to production. Fires once per
#   contact center of an active production-tier org whose instance is in a non-production
#   environment (the instance's own, else its account's) or in an account of a non-production
#   environment. A contact center known only by its instance's alias is checked against the one
#   instance with that alias where it may be; when that is not one instance, the rule says it
#   cannot know.
# related_resources:
#   - ref: https://help.salesforce.com/apex/HTViewHelpDoc?id=service.voice_sandbox_guidelines.htm
#     description: Sandbox Org Guidelines for Service Cloud Voice and Amazon Connect
# custom:
#   id: SCV-CC-004
#   severity: critical
#   inputs: [salesforce.orgs, salesforce.contactCenters, aws.connectInstances]
#   remediation: |
#     Create a new contact center for the production org linked to a new Amazon Connect instance
#     in the production AWS account; you can't migrate an instance from a sandbox to production.
#   tags: [contact-centers, environments, isolation]
package scv.rules.contact_centers.production_on_nonproduction_instance

import data.scv.lib.arn
import data.scv.lib.estate
import rego.v1

deny contains finding if {
	some entry in estate.contact_centers
	estate.org_tiers[entry.org.id] == "production"
	instance_arn := estate.cc_instance_arn(entry.cc)
	non_production := {e |
		some e in instance_side_environments(instance_arn)
		estate.tier_of_environment(e) == "non-production"
	}
	count(non_production) > 0
	finding := {
		"msg": sprintf(
			"Contact center %s of production org %s points at Amazon Connect instance %s in non-production environment %s. You can't migrate an instance from a sandbox to production: create a new contact center linked to a new instance in the production AWS account.",
			[estate.cc_label(entry.cc), estate.org_label(entry.org), instance_arn, concat(", ", sort(non_production))],
		),
		"resource": estate.cc_ref(entry.cc, entry.org),
		"related": [estate.org_ref(entry.org), estate.instance_ref(instance_arn)],
	}
}

# The environment of the instance (its own, else its account's) and of its account.
instance_side_environments(instance_arn) := {e | e := estate.environment_of_instance(instance_arn)} | {e | e := estate.account_environments[arn.account(instance_arn)]}

incomplete contains sprintf("%s: whether a production contact center points at a non-production instance cannot be known.", [u.reason]) if {
	some u in estate.unresolved_aliases
	u.active
	estate.org_tiers[u.org] == "production"
}
