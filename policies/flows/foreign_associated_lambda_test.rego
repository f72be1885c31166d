package scv.test.rules.flows.foreign_associated_lambda

import data.scv.rules.flows.foreign_associated_lambda as rule
import data.scv.test.fixtures as fx
import rego.v1

own := "arn:aws:lambda:us-east-1:111111111111:function:crm-lookup:PROD"

foreign := "arn:aws:lambda:us-east-1:222222222222:function:crm-lookup:UAT"

fn(name, environment) := {
	"arn": sprintf("arn:aws:lambda:us-east-1:111111111111:function:%s", [name]), "name": name, "region": "us-east-1",
	"environment": environment, "role": null, "runtime": null, "tags": {"Environment": environment}, "variables": [], "salesforceOrgId": null,
}

inv(lambdas, functions) := fx.inventory([], [
	object.union(fx.account_with("111111111111", "prod", [object.union(fx.instance("111111111111", "i-1", "prod"), {"lambdaFunctions": lambdas})], [], []), {"lambdaFunctions": functions}),
	fx.account("222222222222", "uat"),
])

test_own_function_passes if {
	count(rule.deny) == 0 with input as inv([own], [fn("crm-lookup", "prod")])
}

test_function_of_another_account_fires if {
	findings := rule.deny with input as inv([own, foreign], [])
	count(findings) == 1
	some f in findings
	f.related == [{"type": "lambda-function", "id": foreign}]
	fx.mentions(f.msg, sprintf("%s is in account 222222222222", [foreign]))
}

test_function_of_another_environment_fires if {
	findings := rule.deny with input as inv(["arn:aws:lambda:us-east-1:111111111111:function:crm-test"], [fn("crm-test", "uat")])
	some f in findings
	fx.mentions(f.msg, "crm-test is in environment uat")
}

test_function_without_environment_of_its_own_is_not_compared if {
	count(rule.deny) == 0 with input as inv(["arn:aws:lambda:us-east-1:111111111111:function:other"], [])
	inherited := object.union(object.remove(fn("other", "uat"), ["tags"]), {"tags": {}})
	count(rule.deny) == 0 with input as inv(["arn:aws:lambda:us-east-1:111111111111:function:other"], [inherited])
}

test_placeholder_account_is_not_compared if {
	base := inv(["arn:aws:lambda:us-east-1:000000000000:function:x"], [])
	placeholder := object.union(fx.account("000000000000", null), {"known": false})
	count(rule.deny) == 0 with input as object.union(base, {"aws": {"accounts": array.concat(base.aws.accounts, [placeholder])}})
	count(rule.deny) == 1 with input as base
}

# A LAMBDA_FUNCTION integration association of a template whose instance is a parameter lands in the
# placeholder instance; in a known account (the config maps --environment to it) the functions are
# compared, and the instance is named by what it stands for.
test_placeholder_instance_in_known_account_is_not_named if {
	placeholder := object.union(fx.instance("111111111111", "flow-export-prod", "prod"), {"known": false, "arn": "arn:aws:connect:us-east-1:111111111111:instance/flow-export-prod", "lambdaFunctions": [foreign]})
	findings := rule.deny with input as fx.inventory([], [fx.account_with("111111111111", "prod", [placeholder], [], []), fx.account("222222222222", "uat")])
	count(findings) == 1
	some f in findings
	fx.mentions(f.msg, "are associated with the instance the scanned files deploy to (not known before deployment), in account 111111111111 and environment prod")
	not contains(f.msg, "flow-export-")
}
