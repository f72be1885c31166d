# METADATA
# title: Contact flow helpers
# description: |
#   How messages name a flow and the block (action) of a flow that holds a reference or a
#   credential-looking value, and which Lex bot aliases instances of each environment use.
package scv.lib.flows

import data.scv.lib.estate
import rego.v1

flow_id(flow) := flow.arn if is_string(flow.arn)

flow_id(flow) := flow.id if not is_string(flow.arn)

# A reference or secret's block: `block a1 (InvokeLambdaFunction)`, or `an unnamed InvokeLambdaFunction
# block` when the flow gave no Identifier.
block_text(item) := sprintf("block %s (%s)", [item.actionId, item.action]) if is_string(object.get(item, "actionId", null))

block_text(item) := sprintf("an unnamed %s block", [item.action]) if not is_string(object.get(item, "actionId", null))

# Lex bot alias (ARN, or `lex-v1/...` name) -> environments of the instances whose flows use it.
lex_alias_environments[alias] contains environment if {
	some entry in estate.instances
	environment := estate.instance_environments[entry.instance.arn]
	some flow in entry.instance.flows
	some ref in flow.references
	ref.kind == "lex"
	not object.get(ref, "dynamic", false)
	alias := ref.arn
}
