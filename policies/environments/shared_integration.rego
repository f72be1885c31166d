# METADATA
# title: Integration shared by instances of different environments
# description: |
#   Each Amazon Connect instance gets its own integrations: a test instance that shares the
#   production Customer Profiles domain, Amazon Q in Connect (Wisdom) assistant or knowledge base,
#   Cases domain or Voice ID domain reads and writes production customer data. Fires once per
#   integration (by its ARN) associated with instances in two or more environments. Event and
#   application integrations (the Salesforce side) are covered by SCV-CC-006; instances of unknown
#   environment are left out.
# related_resources:
#   - ref: https://docs.aws.amazon.com/connect/latest/adminguide/connect-q-assistant.html
#     description: Integrations of an Amazon Connect instance (seed connect-dev-test-prod; each instance gets its own integrations)
# custom:
#   id: SCV-ENV-007
#   severity: medium
#   remediation: |
#     Create the integration (Customer Profiles domain, Amazon Q assistant, Cases domain, Voice ID
#     domain) per environment and associate each instance with the one of its own environment.
#   tags: [environments, isolation, integrations]
#   inputs: [aws.connectInstances, aws.connectInstances.integrations]
package scv.rules.environments.shared_integration

import data.scv.lib.arn
import data.scv.lib.estate
import rego.v1

data_integration_types := {"VOICE_ID", "WISDOM_ASSISTANT", "WISDOM_KNOWLEDGE_BASE", "WISDOM_QUICK_RESPONSES", "CASES_DOMAIN", "Q_MESSAGE_TEMPLATES"}

data_integration_services := {"profile", "wisdom", "cases", "voiceid"}

is_data_integration(i) if i.type in data_integration_types

is_data_integration(i) if arn.service(i.arn) in data_integration_services

instances_by_integration[i.arn] contains entry.instance.arn if {
	some entry in estate.instances
	some i in entry.instance.integrations
	is_string(i.arn)
	is_data_integration(i)
}

deny contains finding if {
	some integration_arn, instance_arns in instances_by_integration
	known := {[a, e] | some a in instance_arns; e := estate.instance_environments[a]}
	environments := {p[1] | some p in known}
	count(environments) > 1
	finding := {
		"msg": sprintf(
			"Integration %s is shared by Amazon Connect instances in %d environments (%s). Give each environment its own integration.",
			[integration_arn, count(environments), concat(", ", sort([sprintf("%s in %s", [estate.instance_text_by_arn(p[0]), p[1]]) | some p in known]))],
		),
		"resource": estate.ref("connect-integration", integration_arn, null),
		"related": [estate.instance_ref(p[0]) | some p in sort(known)],
	}
}
