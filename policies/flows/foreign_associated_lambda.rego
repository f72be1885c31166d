# METADATA
# title: Lambda function associated with an instance belongs to another account or environment
# description: |
#   Each environment invokes its own Lambda functions. The functions associated with an Amazon
#   Connect instance (ListLambdaFunctions) are the ones its flows may invoke, including through
#   dynamic references no flow analysis can resolve. Fires once per instance with associated
#   functions in another AWS account, or functions of its own account whose environment tag names
#   another environment than the instance's. Functions of an account that is not known, and
#   functions without an environment of their own, are left out.
# related_resources:
#   - ref: https://docs.aws.amazon.com/connect/latest/adminguide/connect-lambda-functions.html
#     description: Grant Amazon Connect access to your Lambda functions (seed connect-dev-test-prod; each environment its own Lambda functions)
# custom:
#   id: SCV-FLOW-004
#   severity: high
#   remediation: |
#     Remove the association of the other account's or environment's function from the instance
#     (Contact flows → AWS Lambda in the Connect console) and associate the function of the
#     instance's own environment and account.
#   tags: [flows, environments, lambda]
#   inputs: [aws.connectInstances, aws.connectInstances.lambdaFunctions, aws.lambdaFunctions, aws.lambdaFunctions.tags]
package scv.rules.flows.foreign_associated_lambda

import data.scv.lib.arn
import data.scv.lib.env
import data.scv.lib.estate
import data.scv.lib.evidence
import rego.v1

# Environment a function of the instance's own account declares itself (its environment tag);
# one inherited from the account says nothing about which instance the function serves.
function_environment(function_arn) := env.tagged(e.function.tags) if {
	e := evidence.functions_by_arn[evidence.unqualified(function_arn)]
}

problem(function_arn, instance_account, _) := sprintf("%s is in account %s", [function_arn, acct]) if {
	acct := arn.account(function_arn)
	evidence.account_known(acct)
	acct != instance_account
}

problem(function_arn, instance_account, environment) := sprintf("%s is in environment %s", [function_arn, fn_env]) if {
	arn.account(function_arn) == instance_account
	fn_env := function_environment(function_arn)
	fn_env != environment
}

deny contains finding if {
	some entry in estate.instances
	evidence.account_known(entry.account.id)
	environment := object.get(estate.instance_environments, entry.instance.arn, "")
	found := {p |
		some function_arn in entry.instance.lambdaFunctions
		p := problem(function_arn, entry.account.id, environment)
	}
	count(found) > 0
	finding := {
		"msg": sprintf(
			"Lambda functions of another account or environment are associated with %s, in account %s and environment %s: %s. Associate only the functions of the instance's own account and environment.",
			[estate.instance_text(entry.instance), entry.account.id, label(environment), concat("; ", sort(found))],
		),
		"resource": estate.instance_ref(entry.instance.arn),
		"related": [{"type": "lambda-function", "id": a} | some a in sort({a | some a in entry.instance.lambdaFunctions; problem(a, entry.account.id, environment)})],
	}
}

label("") := "not known"

label(e) := e if e != ""
