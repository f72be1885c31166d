# METADATA
# title: Contact flow references a resource of another instance or account
# description: |
#   Each environment's instance has its own flows, queues, prompts and bots; a flow exported from
#   one instance must be redeployed with the target instance's ARNs. Fires once per flow that
#   references a Connect flow, module, queue or prompt of another instance, a Lex bot of another
#   account, or a Lex bot alias of its own account that flows of instances in another environment
#   also use (each environment needs its own alias): a Lex V2 alias ARN, or a Lex V1 bot and alias
#   name (`BotName`/`BotAlias`, in the instance's account and region). The message names the block (action
#   Identifier) of each reference. References that are not ARNs, or are dynamic, are left out; so
#   are flows whose instance (flow exports without one) or account is not known.
# related_resources:
#   - ref: https://docs.aws.amazon.com/connect/latest/adminguide/contact-flow-import-export.html
#     description: Import and export flows (dev/test/prod guidance)
# custom:
#   id: SCV-FLOW-003
#   severity: medium
#   inputs: [aws.connectInstances.flows]
#   remediation: |
#     Replace the reference with the ARN of the resource in the flow's own instance; deploy flows
#     through CI/CD that substitutes environment-specific ARNs.
#   tags: [flows, environments, connect]
package scv.rules.flows.cross_instance_reference

import data.scv.lib.arn
import data.scv.lib.estate
import data.scv.lib.flows
import rego.v1

connect_kinds := {"flow", "module", "queue", "prompt"}

# Instance ids and accounts are compared only where they are known: a flow exported without its
# instance sits in a placeholder instance, and a planned one may sit in an account not known.
problem(ref, instance) := sprintf("%s %s belongs to instance %s", [ref.kind, ref.arn, other]) if {
	ref.kind in connect_kinds
	estate.instance_known(instance)
	other := arn.connect_instance_id(ref.arn)
	other != instance.id
}

problem(ref, instance) := sprintf("%s %s belongs to account %s", [ref.kind, ref.arn, acct]) if {
	ref.kind == "lex"
	estate.account_known(arn.account(instance.arn))
	acct := arn.account(ref.arn)
	acct != arn.account(instance.arn)
}

# A Lex bot alias of the same account that flows of instances in another environment also use:
# each environment needs its own alias (and bot version). Lex V1 bots are named, and always in the
# instance's own account.
problem(ref, instance) := sprintf("%s is also used by instances in environment %s (this instance is %s)", [lex_text(ref), concat(", ", sort(others)), environment]) if {
	ref.kind == "lex"
	estate.account_known(arn.account(instance.arn))
	own_account_lex(ref, instance)
	environment := estate.instance_environments[instance.arn]
	others := flows.lex_alias_environments[flows.lex_alias_key(instance, ref)] - {environment}
	count(others) > 0
}

own_account_lex(ref, instance) if arn.account(ref.arn) == arn.account(instance.arn)

own_account_lex(ref, _) if startswith(ref.arn, "lex-v1/")

lex_text(ref) := sprintf("lex %s", [ref.arn]) if not startswith(ref.arn, "lex-v1/")

lex_text(ref) := sprintf("Lex V1 bot %s alias %s", [parts[2], parts[3]]) if {
	parts := split(ref.arn, "/")
	parts[0] == "lex-v1"
	count(parts) == 4
}

deny contains finding if {
	some entry in estate.instances
	some flow in entry.instance.flows
	found := {[ref.arn, sprintf("%s (in %s)", [p, flows.block_text(ref)])] |
		some ref in flow.references
		not object.get(ref, "dynamic", false)
		p := problem(ref, entry.instance)
	}
	count(found) > 0
	finding := {
		"msg": sprintf(
			"Contact flow %s of %s references resources outside its instance or environment: %s. Use the resources of the flow's own instance, and a Lex bot alias of its own environment.",
			[flows.flow_text(flow, entry.instance), estate.instance_text(entry.instance), concat("; ", sort([p[1] | some p in found]))],
		),
		"resource": estate.ref("contact-flow", flows.flow_id(flow), object.get(estate.instance_environments, entry.instance.arn, null)),
		"related": array.concat([estate.instance_ref(entry.instance.arn)], [{"type": "connect-resource", "id": r} | some r in sort({p[0] | some p in found})]),
		"origins": estate.action_origins([ref | some ref in flow.references; ref.arn in {p[0] | some p in found}]),
	}
}
