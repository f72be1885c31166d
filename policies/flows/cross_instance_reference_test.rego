package scv.test.rules.flows.cross_instance_reference

import data.scv.test.fixtures as fx
import data.scv.rules.flows.cross_instance_reference as rule
import rego.v1

flow(refs) := {"id": "f-1", "arn": "arn:aws:connect:us-east-1:111111111111:instance/i-1/contact-flow/f-1", "name": "Inbound", "type": "CONTACT_FLOW", "state": "ACTIVE", "references": refs, "secrets": []}

inv(flows) := fx.inventory([], [fx.account_with("111111111111", "prod", [object.union(fx.instance("111111111111", "i-1", "prod"), {"flows": flows})], [], [])])

own_queue := {"kind": "queue", "arn": "arn:aws:connect:us-east-1:111111111111:instance/i-1/queue/q-1", "action": "UpdateContactTargetQueue"}

test_own_instance_references_pass if {
	own_bot := {"kind": "lex", "arn": "arn:aws:lex:us-east-1:111111111111:bot-alias/B/A", "action": "ConnectParticipantWithLexBot"}
	count(rule.deny) == 0 with input as inv([flow([own_queue, own_bot])])
}

test_queue_of_other_instance_fires if {
	other := {"kind": "queue", "arn": "arn:aws:connect:us-east-1:111111111111:instance/i-dev/queue/q-9", "action": "UpdateContactTargetQueue"}
	findings := rule.deny with input as inv([flow([own_queue, other])])
	count(findings) == 1
	some f in findings
	f.resource.type == "contact-flow"
	fx.mentions(f.msg, "queue arn:aws:connect:us-east-1:111111111111:instance/i-dev/queue/q-9 belongs to instance i-dev")
	fx.mentions(f.msg, "Use the resources of the flow's own instance")
}

test_module_and_prompt_of_other_instance_fire if {
	refs := [
		{"kind": "module", "arn": "arn:aws:connect:us-east-1:111111111111:instance/i-2/flow-module/m", "action": "InvokeFlowModule"},
		{"kind": "prompt", "arn": "arn:aws:connect:us-east-1:111111111111:instance/i-2/prompt/p", "action": "MessageParticipant"},
	]
	findings := rule.deny with input as inv([flow(refs)])
	some f in findings
	count(f.related) == 3
}

test_lex_bot_of_other_account_fires if {
	bot := {"kind": "lex", "arn": "arn:aws:lex:us-east-1:222222222222:bot-alias/B/A", "action": "ConnectParticipantWithLexBot"}
	findings := rule.deny with input as inv([flow([bot])])
	some f in findings
	fx.mentions(f.msg, "lex arn:aws:lex:us-east-1:222222222222:bot-alias/B/A belongs to account 222222222222")
}

test_non_arn_and_dynamic_references_are_left_out if {
	refs := [
		{"kind": "queue", "arn": "q-1", "action": "UpdateContactTargetQueue"},
		{"kind": "flow", "arn": "$.Attributes.next", "action": "TransferToFlow", "dynamic": true},
	]
	count(rule.deny) == 0 with input as inv([flow(refs)])
}

# Flows exported without an instance sit in a placeholder instance: its id is not compared, nor is
# the account when it is not known.
placeholder_inv(account_known, flows) := fx.inventory([], [object.union(
	fx.account_with("000000000000", "prod", [object.union(fx.instance("000000000000", "flow-export-prod", "prod"), {"arn": "arn:aws:connect:us-east-1::instance/flow-export-prod", "known": false, "flows": flows})], [], []),
	{"known": account_known},
)])

test_placeholder_instance_is_not_compared if {
	other := {"kind": "queue", "arn": "arn:aws:connect:us-east-1:111111111111:instance/i-dev/queue/q-9", "action": "UpdateContactTargetQueue"}
	bot := {"kind": "lex", "arn": "arn:aws:lex:us-east-1:222222222222:bot-alias/B/A", "action": "ConnectParticipantWithLexBot"}
	count(rule.deny) == 0 with input as placeholder_inv(false, [flow([other, bot])])
}

test_known_account_of_placeholder_instance_is_compared_for_lex if {
	bot := {"kind": "lex", "arn": "arn:aws:lex:us-east-1:222222222222:bot-alias/B/A", "action": "ConnectParticipantWithLexBot"}
	inst := object.union(fx.instance("111111111111", "flow-export-prod", "prod"), {"known": false, "flows": [flow([bot])]})
	findings := rule.deny with input as fx.inventory([], [fx.account_with("111111111111", "prod", [inst], [], [])])
	count(findings) == 1
}

test_block_identifier_named if {
	other := {"kind": "queue", "arn": "arn:aws:connect:us-east-1:111111111111:instance/i-dev/queue/q-9", "action": "UpdateContactTargetQueue", "actionId": "set-queue"}
	findings := rule.deny with input as inv([flow([other])])
	some f in findings
	fx.mentions(f.msg, "belongs to instance i-dev (in block set-queue (UpdateContactTargetQueue))")
}

bot := {"kind": "lex", "arn": "arn:aws:lex:us-east-1:111111111111:bot-alias/B/A", "action": "ConnectParticipantWithLexBot", "actionId": "ask-intent"}

two_instances(prod_bot, dev_bot) := fx.inventory([], [fx.account_with("111111111111", "prod", [
	object.union(fx.instance("111111111111", "i-1", "prod"), {"flows": [flow([prod_bot])]}),
	object.union(fx.instance("111111111111", "i-2", "dev"), {"flows": [object.union(flow([dev_bot]), {"id": "f-2", "arn": "arn:aws:connect:us-east-1:111111111111:instance/i-2/contact-flow/f-2"})]}),
], [], [])])

test_lex_alias_shared_across_environments_fires if {
	findings := rule.deny with input as two_instances(bot, bot)
	count(findings) == 2
	some f in findings
	f.resource.environment == "prod"
	fx.mentions(f.msg, "lex arn:aws:lex:us-east-1:111111111111:bot-alias/B/A is also used by instances in environment dev (this instance is prod) (in block ask-intent (ConnectParticipantWithLexBot))")
}

test_own_environment_lex_aliases_pass if {
	dev_bot := object.union(bot, {"arn": "arn:aws:lex:us-east-1:111111111111:bot-alias/B/DEVALIAS"})
	count(rule.deny) == 0 with input as two_instances(bot, dev_bot)
}

# Lex V1 bots are named (`lex-v1/<region>/<bot>/<alias>`) in the instance's account.
v1(alias) := {"kind": "lex", "arn": sprintf("lex-v1/us-east-1/Booking/%s", [alias]), "action": "GetUserInput", "actionId": "ask-booking"}

test_lex_v1_alias_shared_across_environments_fires if {
	findings := rule.deny with input as two_instances(v1("live"), v1("live"))
	count(findings) == 2
	some f in findings
	f.resource.environment == "dev"
	fx.mentions(f.msg, "Lex V1 bot Booking alias live is also used by instances in environment prod (this instance is dev) (in block ask-booking (GetUserInput))")
}

test_lex_v1_region_defaults_to_the_instance_region if {
	no_region := object.union(v1("live"), {"arn": "lex-v1//Booking/live"})
	count(rule.deny) == 2 with input as two_instances(v1("live"), no_region)
}

test_lex_v1_aliases_of_each_environment_pass if {
	count(rule.deny) == 0 with input as two_instances(v1("prod"), v1("dev"))
}

test_lex_v1_same_name_in_other_accounts_or_regions_passes if {
	other_account := fx.inventory([], [
		fx.account_with("111111111111", "prod", [object.union(fx.instance("111111111111", "i-1", "prod"), {"flows": [flow([v1("live")])]})], [], []),
		fx.account_with("222222222222", "dev", [object.union(fx.instance("222222222222", "i-2", "dev"), {"flows": [object.union(flow([v1("live")]), {"id": "f-2", "arn": "arn:aws:connect:us-east-1:222222222222:instance/i-2/contact-flow/f-2"})]})], [], []),
	])
	count(rule.deny) == 0 with input as other_account
	other_region := object.union(v1("live"), {"arn": "lex-v1/eu-west-2/Booking/live"})
	count(rule.deny) == 0 with input as two_instances(v1("live"), other_region)
}

test_placeholder_instance_is_not_named if {
	bot := {"kind": "lex", "arn": "arn:aws:lex:us-east-1:222222222222:bot-alias/B/A", "action": "ConnectParticipantWithLexBot"}
	f := object.union(flow([bot]), {"arn": "arn:aws:connect:us-east-1:111111111111:instance/flow-export-prod/contact-flow/x", "origin": {"file": "flows/inbound.json", "line": 1}})
	inst := object.union(fx.instance("111111111111", "flow-export-prod", "prod"), {"known": false, "flows": [f]})
	findings := rule.deny with input as fx.inventory([], [fx.account_with("111111111111", "prod", [inst], [], [])])
	some finding in findings
	fx.mentions(finding.msg, "Contact flow Inbound (in flows/inbound.json) of the instance the scanned files deploy to (not known before deployment) references")
	not contains(finding.msg, "flow-export-")
}
