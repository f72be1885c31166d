package scv.test.rules.flows.cross_environment_lambda

import data.scv.test.fixtures as fx
import data.scv.rules.flows.cross_environment_lambda as rule
import rego.v1

lambda(account, name) := sprintf("arn:aws:lambda:us-east-1:%s:function:%s", [account, name])

flow(refs) := {
	"id": "f-1",
	"arn": "arn:aws:connect:us-east-1:111111111111:instance/i-1/contact-flow/f-1",
	"name": "Inbound",
	"type": "CONTACT_FLOW",
	"state": "ACTIVE",
	"references": [{"kind": "lambda", "arn": r, "action": "InvokeLambdaFunction"} | some r in refs],
	"secrets": [],
}

inv(account, environment, flows) := fx.inventory([], [fx.account_with(account, environment, [object.union(fx.instance(account, "i-1", environment), {"flows": flows})], [], [])])

test_own_environment_lambda_passes if {
	count(rule.deny) == 0 with input as inv("111111111111", "prod", [flow([lambda("111111111111", "crm-lookup:PROD"), lambda("111111111111", "product-search")])])
	count(rule.deny) == 0 with input as inv("111111111111", "dev", [flow([lambda("111111111111", "crm-lookup:DEV")])])
}

test_lambda_of_other_account_fires if {
	findings := rule.deny with input as inv("111111111111", "prod", [flow([lambda("999999999999", "crm-lookup:PROD")])])
	count(findings) == 1
	some f in findings
	f.resource == {"type": "contact-flow", "id": "arn:aws:connect:us-east-1:111111111111:instance/i-1/contact-flow/f-1", "environment": "prod"}
	fx.mentions(f.msg, "it is in account 999999999999, not the instance's account 111111111111")
	fx.mentions(f.msg, "Invoke the Lambda function or alias of the flow's own environment and account")
}

test_dev_alias_in_production_fires if {
	findings := rule.deny with input as inv("111111111111", "prod", [flow([lambda("111111111111", "crm-lookup:DEV")])])
	some f in findings
	fx.mentions(f.msg, "its name marks a non-production environment (dev) but the instance is production (prod)")
	f.related[1] == {"type": "lambda-function", "id": "arn:aws:lambda:us-east-1:111111111111:function:crm-lookup:DEV"}
}

test_test_name_in_production_fires if {
	count(rule.deny) == 1 with input as inv("111111111111", "prod", [flow([lambda("111111111111", "connect-test-handler")])])
}

test_prod_alias_in_dev_fires if {
	findings := rule.deny with input as inv("111111111111", "dev", [flow([lambda("111111111111", "crm-lookup:PROD")])])
	some f in findings
	fx.mentions(f.msg, "crm-lookup:PROD in an unnamed InvokeLambdaFunction block (its name marks a production environment (prod) but the instance is non-production (dev))")
	not fx.mentions(f.msg, "names environment prod")
}

test_reasons_grouped_per_function if {
	findings := rule.deny with input as inv("111111111111", "prod", [flow([lambda("999999999999", "crm-lookup:DEV"), lambda("999999999999", "auth")])])
	some f in findings
	fx.mentions(f.msg, "function:auth in an unnamed InvokeLambdaFunction block (it is in account 999999999999, not the instance's account 111111111111), arn:aws:lambda:us-east-1:999999999999:function:crm-lookup:DEV in an unnamed InvokeLambdaFunction block (it is in account 999999999999, not the instance's account 111111111111; its name marks a non-production environment (dev)")
}

test_other_environment_name_fires if {
	findings := rule.deny with input as inv("111111111111", "uat", [flow([lambda("111111111111", "crm-lookup-dev")])])
	some f in findings
	fx.mentions(f.msg, "its name names environment dev but the instance is uat")
}

test_markers_from_config if {
	count(rule.deny) == 1 with input as inv("111111111111", "prod", [flow([lambda("111111111111", "crm-lookup:SIT")])]) with data.config as {"nonProductionLambdaMarkers": ["sit"]}
}

test_unknown_environment_checks_account_only if {
	count(rule.deny) == 0 with input as inv("111111111111", null, [flow([lambda("111111111111", "crm-lookup:DEV")])])
	count(rule.deny) == 1 with input as inv("111111111111", null, [flow([lambda("999999999999", "crm-lookup")])])
}

test_dynamic_reference_is_left_out if {
	dyn := object.union(flow([]), {"references": [{"kind": "lambda", "arn": "$.Attributes.fn", "action": "InvokeLambdaFunction", "dynamic": true}]})
	count(rule.deny) == 0 with input as inv("111111111111", "prod", [dyn])
}

test_flow_without_arn_uses_id if {
	no_arn := object.union(flow([lambda("999999999999", "x")]), {"arn": null})
	fx.resource_ids(rule.deny) == {"f-1"} with input as inv("111111111111", "prod", [no_arn])
}

# A flow exported without its instance or account: the placeholder account is never compared.
unknown_inv(environment, flows) := fx.inventory([], [object.union(
	fx.account_with("000000000000", null, [object.union(fx.instance("000000000000", "flow-export-prod", environment), {"arn": "arn:aws:connect:us-east-1::instance/flow-export-prod", "known": false, "flows": flows})], [], []),
	{"known": false},
)])

test_account_not_known_is_not_compared if {
	findings := rule.deny with input as unknown_inv("prod", [flow([lambda("999999999999", "crm-lookup:PROD")])])
	count(findings) == 0
}

test_account_not_known_still_checks_names if {
	findings := rule.deny with input as unknown_inv("prod", [flow([lambda("999999999999", "crm-lookup:DEV")])])
	count(findings) == 1
	some f in findings
	fx.mentions(f.msg, "its name marks a non-production environment (dev)")
	not contains(f.msg, "000000000000")
}

test_offending_reference_origin_is_named if {
	at := {"file": "flows/inbound.json", "line": 12, "column": 5}
	refs := [object.union({"kind": "lambda", "arn": lambda("999999999999", "crm-lookup:PROD"), "action": "InvokeLambdaFunction"}, {"origin": at}), {"kind": "lambda", "arn": lambda("111111111111", "ok"), "action": "InvokeLambdaFunction", "origin": {"file": "flows/inbound.json", "line": 40}}]
	f := object.union(flow([]), {"references": refs})
	findings := rule.deny with input as inv("111111111111", "prod", [f])
	some finding in findings
	finding.origins == [at]
}

test_blocks_named_by_identifier if {
	refs := [
		{"kind": "lambda", "arn": lambda("111111111111", "crm-lookup:DEV"), "action": "InvokeLambdaFunction", "actionId": "lookup-customer"},
		{"kind": "lambda", "arn": lambda("111111111111", "crm-lookup:DEV"), "action": "InvokeLambdaFunction", "actionId": "lookup-case"},
	]
	findings := rule.deny with input as inv("111111111111", "prod", [object.union(flow([]), {"references": refs})])
	some f in findings
	fx.mentions(f.msg, "crm-lookup:DEV in block lookup-case (InvokeLambdaFunction), block lookup-customer (InvokeLambdaFunction) (its name marks a non-production environment")
}

# A flow read from a file that does not say its instance lands in a placeholder instance: the
# message names the flow by its name and file, and the instance by what it stands for.
test_placeholder_instance_is_not_named if {
	f := object.union(flow([lambda("999999999999", "crm-lookup:DEV")]), {"arn": "arn:aws:connect:us-east-1::instance/flow-export-prod/contact-flow/flow-export:inbound.json", "origin": {"file": "flows/inbound.json", "line": 1}})
	findings := rule.deny with input as fx.inventory([], [fx.placeholder_account("prod", [object.union(fx.placeholder_instance("prod"), {"flows": [f]})])])
	count(findings) == 1
	some finding in findings
	fx.mentions(finding.msg, "Contact flow Inbound (in flows/inbound.json) of the instance the scanned files deploy to (not known before deployment)")
	fx.names_no_placeholder(finding.msg)
}
