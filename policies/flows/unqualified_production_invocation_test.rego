package scv.test.rules.flows.unqualified_production_invocation

import data.scv.rules.flows.unqualified_production_invocation as rule
import data.scv.test.fixtures as fx
import rego.v1

fn := "arn:aws:lambda:us-east-1:111111111111:function:crm-lookup"

lex(alias_id) := sprintf("arn:aws:lex:us-east-1:111111111111:bot-alias/BOTID12345/%s", [alias_id])

flow(refs) := {"id": "f-1", "arn": null, "name": "Inbound", "type": "CONTACT_FLOW", "state": "ACTIVE", "references": refs, "secrets": []}

ref(kind, a) := {"kind": kind, "arn": a, "action": "InvokeLambdaFunction"}

inv(environment, refs) := fx.inventory([], [fx.account_with("111111111111", environment, [object.union(fx.instance("111111111111", "i-1", environment), {"flows": [flow(refs)]})], [], [])])

test_unqualified_and_test_alias_in_production_fire if {
	findings := rule.deny with input as inv("prod", [ref("lambda", fn), ref("lex", lex("TSTALIASID")), ref("lambda", sprintf("%s:$LATEST", [fn]))])
	count(findings) == 1
	some f in findings
	f.resource == {"type": "contact-flow", "id": "f-1", "environment": "prod"}
	fx.mentions(f.msg, sprintf("%s (Lambda function without alias or version)", [fn]))
	fx.mentions(f.msg, "(Lex TestBotAlias)")
	fx.mentions(f.msg, "(Lambda $LATEST)")
}

test_aliases_in_production_pass if {
	count(rule.deny) == 0 with input as inv("prod", [ref("lambda", sprintf("%s:PROD", [fn])), ref("lambda", sprintf("%s:7", [fn])), ref("lex", lex("PRODALIAS1"))])
}

test_unqualified_in_dev_passes if {
	count(rule.deny) == 0 with input as inv("dev", [ref("lambda", fn), ref("lex", lex("TSTALIASID"))])
}

test_dynamic_reference_left_out if {
	count(rule.deny) == 0 with input as inv("prod", [{"kind": "lambda", "arn": "$.Attributes.fn", "action": "InvokeLambdaFunction", "dynamic": true}])
}

test_unknown_environment_no_guess if {
	count(rule.deny) == 0 with input as inv(null, [ref("lambda", fn)])
}

test_placeholder_instance_is_not_named if {
	f := object.union(flow([ref("lambda", fn)]), {"arn": "arn:aws:connect:us-east-1::instance/flow-export-prod/contact-flow/flow-export:inbound.json", "origin": {"file": "flows/inbound.json", "line": 1}})
	findings := rule.deny with input as fx.inventory([], [fx.placeholder_account("prod", [object.union(fx.placeholder_instance("prod"), {"flows": [f]})])])
	count(findings) == 1
	some finding in findings
	fx.mentions(finding.msg, "Production contact flow Inbound (in flows/inbound.json) of the instance the scanned files deploy to (not known before deployment) invokes")
	fx.names_no_placeholder(finding.msg)
}
