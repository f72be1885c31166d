# METADATA
# title: Amazon Connect instance serves another environment
# description: |
#   Each environment gets its own Amazon Connect instance. Fires once per instance whose
#   environment differs from the environment of an active org whose contact center uses it, or
#   that serves orgs of two or more environments. Orgs and instances with an unknown environment
#   are left out. A contact center known only by its instance's alias is linked to the one instance
#   with that alias where it may be; when that is not one instance, the rule says it cannot know.
# related_resources:
#   - ref: https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-instances.html
#     description: Separate Amazon Connect instances per environment (dev/test/prod guidance)
# custom:
#   id: SCV-ENV-001
#   severity: high
#   inputs: [salesforce.orgs, salesforce.contactCenters, aws.connectInstances]
#   remediation: |
#     Use a separate Amazon Connect instance per environment and point each org's contact center
#     at the instance of its own environment; move flows between them with IaC and CI/CD.
#   tags: [environments, isolation, connect]
package scv.rules.environments.instance_environment_mismatch

import data.scv.lib.estate
import rego.v1

# instance ARN -> [org id, org environment] of the active orgs using it.
org_environments_by_instance[instance_arn] contains [link.org, environment] if {
	some instance_arn, links in estate.ccs_by_instance
	some link in links
	environment := estate.orgs_by_id[link.org].environment
	is_string(environment)
}

deny contains finding if {
	some instance_arn, pairs in org_environments_by_instance
	org_envs := {p[1] | some p in pairs}
	instance_env := object.get(estate.instance_environments, instance_arn, null)
	problem := problem_text(instance_env, org_envs)
	finding := {
		"msg": sprintf(
			"Amazon Connect instance %s %s (orgs: %s). Use a separate Amazon Connect instance per environment and link each org to the instance of its own environment.",
			[instance_arn, problem, concat(", ", sort([sprintf("%s in %s", [estate.org_label_by_id(p[0]), p[1]]) | some p in pairs]))],
		),
		"resource": estate.instance_ref(instance_arn),
		"related": [estate.org_ref(estate.orgs_by_id[id]) | some id in sort({p[0] | some p in pairs})],
	}
}

problem_text(_, org_envs) := sprintf("serves orgs of %d environments (%s)", [count(org_envs), concat(", ", sort(org_envs))]) if count(org_envs) > 1

problem_text(instance_env, org_envs) := sprintf("is in environment %s but serves an org of environment %s", [instance_env, concat(", ", sort(org_envs))]) if {
	count(org_envs) == 1
	is_string(instance_env)
	not instance_env in org_envs
}

incomplete contains sprintf("%s: whether that instance serves another environment cannot be known.", [u.reason]) if {
	some u in estate.unresolved_aliases
	u.active
	is_string(estate.orgs_by_id[u.org].environment)
}
