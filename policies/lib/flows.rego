# METADATA
# title: Contact flow helpers
# description: |
#   How messages name a flow and the block (action) of a flow that holds a reference or a
#   credential-looking value, and which Lex bot aliases instances of each environment use.
package scv.lib.flows

import data.scv.lib.arn
import data.scv.lib.estate
import rego.v1

flow_id(flow) := flow.arn if is_string(flow.arn)

flow_id(flow) := flow.id if not is_string(flow.arn)

# How a message names a flow of `instance`: its name and ARN (or id). A flow of a placeholder
# instance (read from a file that does not say where it deploys) has an ARN built on the stand-in
# instance: it is named by its name and the file it was read from instead.
flow_text(flow, instance) := sprintf("%s (%s)", [flow.name, flow_id(flow)]) if not instance.known == false

flow_text(flow, instance) := sprintf("%s (in %s)", [flow.name, flow.origin.file]) if {
	instance.known == false
	is_string(object.get(object.get(flow, "origin", {}), "file", null))
}

flow_text(flow, instance) := flow.name if {
	instance.known == false
	not is_string(object.get(object.get(flow, "origin", {}), "file", null))
}

# A reference or secret's block: `block a1 (InvokeLambdaFunction)`, or `an unnamed InvokeLambdaFunction
# block` when the flow gave no Identifier.
block_text(item) := sprintf("block %s (%s)", [item.actionId, item.action]) if is_string(object.get(item, "actionId", null))

block_text(item) := sprintf("an unnamed %s block", [item.action]) if not is_string(object.get(item, "actionId", null))

# Lex bot alias (its lex_alias_key) -> environments of the instances whose flows use it.
lex_alias_environments[alias] contains environment if {
	some entry in estate.instances
	environment := estate.instance_environments[entry.instance.arn]
	some flow in entry.instance.flows
	some ref in flow.references
	ref.kind == "lex"
	not object.get(ref, "dynamic", false)
	alias := lex_alias_key(entry.instance, ref)
}

# What names one Lex bot alias across flows. A Lex V2 alias ARN names its account and region; a
# Lex V1 bot is named (`lex-v1/<region>/<bot>/<alias>`) and lives in the account of the instance
# that uses it, in the region given (else the instance's): `<account>/lex-v1/<region>/<bot>/<alias>`.
# A V1 reference without an alias, or whose region and account are not known, has no key.
lex_alias_key(_, ref) := ref.arn if not startswith(ref.arn, "lex-v1/")

lex_alias_key(instance, ref) := sprintf("%s/lex-v1/%s/%s/%s", [account, region, parts[2], parts[3]]) if {
	parts := split(ref.arn, "/")
	parts[0] == "lex-v1"
	count(parts) == 4
	parts[2] != ""
	parts[3] != ""
	account := arn.account(instance.arn)
	estate.account_known(account)
	region := lex_v1_region(parts[1], instance)
}

lex_v1_region(region, _) := region if region != ""

lex_v1_region(region, instance) := instance.region if {
	region == ""
	is_string(instance.region)
	instance.region != ""
}
