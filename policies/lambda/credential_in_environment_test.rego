package scv.test.rules.lambda.credential_in_environment

import data.scv.rules.lambda.credential_in_environment as rule
import data.scv.test.fixtures as fx
import rego.v1

fn_arn := "arn:aws:lambda:us-east-1:111111111111:function:crm-lookup"

fn(tags, variables, org_id) := {
	"arn": fn_arn, "name": "crm-lookup", "region": "us-east-1", "environment": "prod",
	"role": null, "runtime": "nodejs20.x", "tags": tags, "variables": variables, "salesforceOrgId": org_id,
}

leaked := [{"name": "CRM_API_KEY", "credential": "named-secret"}, {"name": "LOG_LEVEL", "credential": null}]

inv(function, instance_lambdas) := fx.inventory([], [object.union(
	fx.account_with("111111111111", "prod", [object.union(fx.instance("111111111111", "i-1", "prod"), {"lambdaFunctions": instance_lambdas})], [], []),
	{"lambdaFunctions": [function]},
)])

test_stack_function_with_credential_fires if {
	findings := rule.deny with input as inv(fn({"aws:cloudformation:stack-id": "arn:aws:cloudformation:us-east-1:111111111111:stack/s/1"}, leaked, null), [])
	count(findings) == 1
	some f in findings
	f.resource == {"type": "lambda-function", "id": fn_arn, "environment": "prod"}
	fx.mentions(f.msg, "environment variable(s) CRM_API_KEY (named-secret)")
	fx.mentions(f.msg, "created by a CloudFormation stack")
}

test_associated_function_by_alias_fires if {
	findings := rule.deny with input as inv(fn({}, leaked, null), [sprintf("%s:PROD", [fn_arn])])
	count(findings) == 1
}

test_org_id_marks_scv_function if {
	count(rule.deny) == 1 with input as inv(fn({}, leaked, "00D5g000004AbCdEAK"), [])
}

test_references_only_pass if {
	count(rule.deny) == 0 with input as inv(fn({"aws:cloudformation:stack-id": "x"}, [{"name": "CRM_SECRET_ARN", "credential": null}], null), [])
}

test_unrelated_function_is_not_judged if {
	count(rule.deny) == 0 with input as inv(fn({}, leaked, null), [])
}

test_unread_variables_stay_silent if {
	count(rule.deny) == 0 with input as inv(fn({"aws:cloudformation:stack-id": "x"}, null, null), [])
}

test_function_a_template_declares_fires if {
	findings := rule.deny with input as inv(fn({"aws:cloudformation:logical-id": "CrmLookup"}, leaked, null), [])
	count(findings) == 1
	some f in findings
	fx.mentions(f.msg, "created by a CloudFormation stack")
}

test_org_id_variable_of_unknown_value_marks_scv_function if {
	variables := array.concat(leaked, [{"name": "SALESFORCE_ORG_ID", "credential": null}])
	findings := rule.deny with input as inv(fn({}, variables, null), [])
	count(findings) == 1
	some f in findings
	fx.mentions(f.msg, "an SCV function (SALESFORCE_ORG_ID)")
}
