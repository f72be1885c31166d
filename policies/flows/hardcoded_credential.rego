# METADATA
# title: Contact flow holds a credential
# description: |
#   Flows must not hardcode credentials: environment settings and secrets belong in AWS Systems
#   Manager Parameter Store (for example /${env}/CRM_API_KEY), read at run time. Fires once per
#   flow whose export holds what looks like a credential (an AWS access key, a private key, a
#   literal `Authorization: Basic ...` / `Bearer ...` value, or a literal value in a
#   password/token/secret-named parameter), naming the block (action Identifier) and parameter.
#   An SSM parameter path or ARN, a Secrets Manager ARN, a `{{resolve:...}}` reference, a contact
#   attribute (`$.…`) or a placeholder (`<API_KEY>`, `${TOKEN}`, `YOUR_API_KEY`) is a reference,
#   not a credential. The value itself is never stored in the inventory or reported.
# related_resources:
#   - ref: https://docs.aws.amazon.com/systems-manager/latest/userguide/systems-manager-parameter-store.html
#     description: AWS Systems Manager Parameter Store (dev/test/prod guidance)
# custom:
#   id: SCV-FLOW-002
#   severity: critical
#   inputs: [aws.connectInstances.flows]
#   remediation: |
#     Remove the value from the flow, rotate the credential, store it in SSM Parameter Store (or
#     Secrets Manager) per environment and have a Lambda function read it at run time.
#   tags: [flows, secrets]
package scv.rules.flows.hardcoded_credential

import data.scv.lib.estate
import data.scv.lib.flows
import rego.v1

deny contains finding if {
	some entry in estate.instances
	some flow in entry.instance.flows
	count(flow.secrets) > 0
	finding := {
		"msg": sprintf(
			"Contact flow %s holds what looks like a credential: %s. Remove the value from the flow, rotate it, keep it in AWS SSM Parameter Store or Secrets Manager, and give the flow only the parameter name or secret ARN.",
			[flows.flow_text(flow, entry.instance), concat("; ", sort([sprintf("%s in parameter %s of %s", [s.kind, s.parameter, flows.block_text(s)]) | some s in flow.secrets]))],
		),
		"resource": estate.ref("contact-flow", flows.flow_id(flow), object.get(estate.instance_environments, entry.instance.arn, null)),
		"related": [estate.instance_ref(entry.instance.arn)],
		"origins": estate.action_origins(flow.secrets),
	}
}
