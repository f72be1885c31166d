# METADATA
# title: Service Cloud Voice artifacts
# description: |
#   Evidence that an AWS resource was set up for Service Cloud Voice, from the live estate only
#   (resources declared in files carry `origin` and are planned, not evidence of past use): SCV
#   CloudFormation stacks (their parameters name the org, call center and instance), SAML providers
#   `SalesforceServiceVoiceIdp_<org id>`, SCV tags, and contact centers of deleted orgs. Sections
#   an inventory does not hold (not collected) give no evidence.
package scv.lib.scv_artifacts

import data.scv.lib.config
import data.scv.lib.estate
import rego.v1

# Parameters only the SCV contact center stacks declare.
scv_stack_parameters := {"SalesforceOrgId", "CallCenterApiName", "ConnectInstanceId", "InstanceType"}

saml_provider_prefix := "SalesforceServiceVoiceIdp_"

scv_stacks(acct) := [stack |
	some stack in object.get(acct, "cloudFormationStacks", [])
	not stack.origin
	some key, _ in stack.parameters
	key in scv_stack_parameters
]

# A stack names an instance by its id or ARN, as ConnectInstanceId or any parameter or output.
stack_names_instance(stack, instance) if stack.parameters.ConnectInstanceId == instance.id

stack_names_instance(stack, instance) if {
	some _, v in object.union(stack.parameters, stack.outputs)
	v in {instance.arn, instance.id}
}

scv_saml_providers(acct) := [p |
	some p in object.get(acct, "samlProviders", [])
	not p.origin
	startswith(p.name, saml_provider_prefix)
]

# The org id a provider or stack names, cut to its 15-character form (both forms are used).
org_key(id) := substring(id, 0, 15) if {
	is_string(id)
	count(id) >= 15
}

saml_org_key(provider) := org_key(trim_prefix(provider.name, saml_provider_prefix))

scv_tag_keys(tags) := {key |
	some key, _ in tags
	some pattern in config.scv_tag_key_patterns
	glob.match(pattern, null, key)
}

# Contact centers of deleted orgs, by the instance they pointed at.
deleted_ccs_by_instance[instance_arn] contains {"org": org.id, "cc": cc.id} if {
	some org in input.salesforce.orgs
	org.status == "deleted"
	some cc in org.contactCenters
	instance_arn := estate.cc_instance_arn(cc)
}

# ------------------------------------------------------------------ Salesforce collection gaps

# Orgs that could not be read completely: the id where the error target names it (`alias/orgId`),
# else only the alias.
failed_org_keys contains org_key(id) if {
	some e in input.collection.errors
	e.source == "salesforce"
	parts := split(e.target, "/")
	count(parts) > 1
	id := parts[count(parts) - 1]
	org_key(id)
}

# A Salesforce error that does not say which org (authentication before the id was known).
unidentified_org_failure if {
	some e in input.collection.errors
	e.source == "salesforce"
	not contains(e.target, "/")
}
