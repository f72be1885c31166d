# METADATA
# title: Amazon Connect instance shared between contact centers
# description: |
#   Each contact center should be linked to an Amazon Connect instance solely dedicated to it.
#   Fires once per instance linked to more than one contact center of active orgs (in the same
#   org or in different orgs). An instance that `settings.multiOrg` declares for a supported
#   multi-org setup (one contact center per org, every org in the group) gets an info-severity note
#   instead, which does not fail the rule. A contact center known only by its instance's alias is
#   linked to the one instance with that alias where it may be (its account, else the accounts of
#   its org's environment); when that is not one instance, the rule says it cannot know.
# related_resources:
#   - ref: https://help.salesforce.com/apex/HTViewHelpDoc?id=service.voice_sandbox_guidelines.htm
#     description: Sandbox Org Guidelines for Service Cloud Voice and Amazon Connect
# custom:
#   id: SCV-CC-001
#   severity: critical
#   inputs: [salesforce.contactCenters]
#   remediation: |
#     Don't point multiple contact centers to the same Amazon Connect instance: create a new
#     contact center and link it to a new Amazon Connect instance, then delete the extra one.
#   tags: [contact-centers, isolation, connect]
package scv.rules.contact_centers.shared_instance

import data.scv.lib.estate
import data.scv.lib.multi_org
import rego.v1

org_ids(links) := {link.org | some link in links}

# One contact center per org on a declared multi-org instance: a note, not a violation.
declared(instance_arn, links) if {
	count(org_ids(links)) == count(links)
	multi_org.covers_instance(org_ids(links), instance_arn)
}

deny contains note if {
	some instance_arn, links in estate.ccs_by_instance
	count(links) > 1
	declared(instance_arn, links)
	sorted := sort(links)
	note := {
		"msg": sprintf("Amazon Connect instance %s is linked to %d contact centers (%s), %s.", [instance_arn, count(links), concat(", ", [sprintf("%s in org %s", [link.cc, estate.org_label_by_id(link.org)]) | some link in sorted]), multi_org.note_text]),
		"resource": estate.instance_ref(instance_arn),
		"related": [estate.ref("contact-center", link.cc, object.get(estate.orgs_by_id[link.org], "environment", null)) | some link in sorted],
		"severity": "info",
	}
}

deny contains finding if {
	some instance_arn, links in estate.ccs_by_instance
	count(links) > 1
	not declared(instance_arn, links)
	sorted := sort(links)
	finding := {
		"msg": sprintf(
			"Amazon Connect instance %s is linked to %d contact centers (%s). Link each contact center to an Amazon Connect instance solely dedicated to it: create a new contact center with a new instance.",
			[instance_arn, count(links), concat(", ", [sprintf("%s in org %s", [link.cc, estate.org_label_by_id(link.org)]) | some link in sorted])],
		),
		"resource": estate.instance_ref(instance_arn),
		"related": [estate.ref("contact-center", link.cc, object.get(estate.orgs_by_id[link.org], "environment", null)) | some link in sorted],
	}
}

# A contact center whose instance is known only by an alias that names no single instance: whether
# it shares an instance cannot be known.
incomplete contains sprintf("%s: whether it shares its instance with another contact center cannot be known.", [u.reason]) if {
	some u in estate.unresolved_aliases
	u.active
}
