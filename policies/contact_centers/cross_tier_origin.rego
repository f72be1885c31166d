# METADATA
# title: Instance wired to a Salesforce org of another tier
# description: |
#   Dev and test instances work with sandbox CRMs, production instances with the production org.
#   The approved origins of an Amazon Connect instance (the domains that may embed its softphone)
#   and the `SourceApplicationUrl` of its integration associations name the Salesforce org it
#   serves. Fires once per instance whose known tier differs from the tier of an org one of them
#   names: the scanned org with that My Domain, else the tier the domain itself shows (sandbox
#   `--name.sandbox.` and scratch domains are non-production; other `my.salesforce.com` and
#   `lightning.force.com` domains are production). Other origins are left out.
# related_resources:
#   - ref: https://docs.aws.amazon.com/connect/latest/adminguide/app-integration.html
#     description: Approved origins of an Amazon Connect instance (seed connect-dev-test-prod; dev/test use sandbox CRMs)
#   - ref: https://help.salesforce.com/s/articleView?id=sf.domain_name_url_formats.htm
#     description: Salesforce My Domain URL formats (production, sandbox, scratch)
# custom:
#   id: SCV-CC-006
#   severity: high
#   remediation: |
#     Remove the other tier's Salesforce domains from the instance's approved origins and its
#     integration associations, and connect the instance only to the org of its own tier
#     (non-production instances to sandboxes, the production instance to the production org).
#   tags: [contact-centers, environments, salesforce]
#   inputs: [aws.connectInstances, aws.connectInstances.approvedOrigins, aws.connectInstances.integrations, salesforce.orgs]
package scv.rules.contact_centers.cross_tier_origin

import data.scv.lib.env
import data.scv.lib.estate
import rego.v1

salesforce_suffixes := [".my.salesforce.com", ".lightning.force.com", ".my.salesforce-scrt.com", ".my.site.com", ".force.com"]

# Host of a URL, lower case, without scheme, port or path.
host(url) := h if {
	is_string(url)
	m := regex.find_all_string_submatch_n(`^[a-zA-Z][a-zA-Z0-9+.-]*://([^/:?#]+)`, url, 1)
	count(m) == 1
	h := lower(m[0][1])
}

is_salesforce_host(h) if {
	some s in salesforce_suffixes
	endswith(h, s)
}

# My Domain label: the first DNS label (acme, acme--uat), which names the org across its domains.
my_domain(h) := split(h, ".")[0]

# My Domain label -> ids of the active orgs whose instance URL has it (test orgs may share one).
orgs_by_domain[d] contains org.id if {
	some org in input.salesforce.orgs
	org.status == "active"
	d := my_domain(host(org.instanceUrl))
}

# Tier of the org a Salesforce host names: the scanned orgs' (when they agree), else what the
# domain shows.
host_tier(h) := t if {
	tiers := {env.org_tier(estate.orgs_by_id[id]) | some id in orgs_by_domain[my_domain(h)]}
	count(tiers) == 1
	some t in tiers
}

host_tier(h) := "non-production" if {
	not orgs_by_domain[my_domain(h)]
	domain_is_non_production(h)
}

host_tier(h) := "production" if {
	not orgs_by_domain[my_domain(h)]
	not domain_is_non_production(h)
}

domain_is_non_production(h) if contains(my_domain(h), "--")

domain_is_non_production(h) if contains(h, ".sandbox.")

domain_is_non_production(h) if contains(h, ".scratch.")

# The Salesforce URLs an instance is wired to: [what, url].
wired(instance) := {[sprintf("approved origin %s", [o]), o] | some o in object.get(instance, "approvedOrigins", [])} | {[sprintf("integration %s (%s)", [i.type, u]), u] |
	some i in instance.integrations
	u := object.get(i, "sourceApplicationUrl", null)
	is_string(u)
}

deny contains finding if {
	some entry in estate.instances
	environment := estate.instance_environments[entry.instance.arn]
	tier := estate.tier_of_environment(environment)
	found := {sprintf("%s names a %s org", [w[0], t]) |
		some w in wired(entry.instance)
		h := host(w[1])
		is_salesforce_host(h)
		t := host_tier(h)
		t != tier
	}
	count(found) > 0
	finding := {
		"msg": sprintf(
			"%s Amazon Connect %s is wired to a Salesforce org of another tier: %s. Connect each instance only to the org of its own tier (dev/test instances to sandboxes).",
			[tier_label(tier), instance_subject(entry.instance, environment), concat("; ", sort(found))],
		),
		"resource": estate.instance_ref(entry.instance.arn),
		"related": [estate.org_ref(estate.orgs_by_id[id]) | some id in sort({id |
			some w in wired(entry.instance)
			some id in orgs_by_domain[my_domain(host(w[1]))]
			env.org_tier(estate.orgs_by_id[id]) != tier
		})],
	}
}

# The instance and its environment; a placeholder (approved origins or integrations of a template
# whose instance is a parameter) by the environment it deploys to, never by its stand-in ARN.
instance_subject(instance, environment) := sprintf("instance %s (%s)", [instance.arn, environment]) if not instance.known == false

instance_subject(instance, environment) := sprintf("instance the scanned files deploy to in %s (not known before deployment)", [environment]) if instance.known == false

tier_label("production") := "Production"

tier_label("non-production") := "Non-production"
