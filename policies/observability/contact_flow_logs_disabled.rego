# METADATA
# title: Contact flow logs disabled
# description: |
#   Fires once per Amazon Connect instance whose `CONTACTFLOW_LOGS` attribute is false. An
#   instance whose attributes could not be read (attribute absent) is left out.
# related_resources:
#   - ref: https://docs.aws.amazon.com/connect/latest/adminguide/contact-flow-logs.html
#     description: Flow logs in Amazon CloudWatch (dev/test/prod guidance, CloudWatch in all environments)
# custom:
#   id: SCV-OBS-002
#   severity: low
#   inputs: [aws.connectInstances.attributes]
#   remediation: |
#     Enable flow logs in the instance's settings (Data storage → Flow logs) so that contact flow
#     execution is logged to CloudWatch in every environment.
#   tags: [observability, connect, logging]
package scv.rules.observability.contact_flow_logs_disabled

import data.scv.lib.estate
import rego.v1

disabled(value) if value == false

disabled(value) if {
	is_string(value)
	lower(value) == "false"
}

deny contains finding if {
	some entry in estate.instances
	disabled(entry.instance.attributes.CONTACTFLOW_LOGS)
	finding := {
		"msg": sprintf(
			"Amazon Connect instance %s has contact flow logs (CONTACTFLOW_LOGS) disabled. Enable flow logs so that flow execution is logged to CloudWatch.",
			[entry.instance.arn],
		),
		"resource": estate.instance_ref(entry.instance.arn),
		"related": [estate.account_ref(entry.account.id) | estate.account_known(entry.account.id)],
	}
}
