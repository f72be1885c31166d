# METADATA
# title: SCV Lambda function holds a credential in an environment variable
# description: |
#   API keys and other secrets belong in SSM Parameter Store or Secrets Manager, read at run time,
#   not in a function's environment where anyone who can read its configuration sees them. Fires
#   once per SCV Lambda function — one created by a stack (`aws:cloudformation:stack-id` tag, or
#   `aws:cloudformation:logical-id` for a function a template declares), invoked by a contact flow,
#   associated with an Amazon Connect instance, or carrying a `SALESFORCE_ORG_ID` variable — that has an environment variable whose value looks like a credential
#   (an AWS access key, a private key, or a literal under a password/secret/token/key name).
#   References (SSM parameter paths and ARNs, Secrets Manager ARNs, `{{resolve:...}}`) are not
#   credentials. Names the variables and what each looks like; values are never collected.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-retrieve
#     description: Securing Lambda environment variables (seed connect-dev-test-prod; store API keys in SSM Parameter Store)
#   - ref: https://docs.aws.amazon.com/systems-manager/latest/userguide/ps-integration-lambda-extensions.html
#     description: Using Parameter Store parameters in AWS Lambda functions
# custom:
#   id: SCV-LAMBDA-001
#   severity: critical
#   remediation: |
#     Move the secret into SSM Parameter Store (SecureString) or Secrets Manager, give the function's
#     role permission to read it, keep only the parameter name or secret ARN in the environment
#     variable, and rotate the exposed credential.
#   tags: [lambda, secrets, credentials]
#   inputs: [aws.lambdaFunctions, aws.lambdaFunctions.tags, aws.connectInstances.flows, aws.connectInstances.lambdaFunctions]
package scv.rules.lambda.credential_in_environment

import data.scv.lib.estate
import data.scv.lib.evidence
import rego.v1

# Function ARNs (unqualified) that flows invoke or instances associate.
connect_function_arns contains evidence.unqualified(r.arn) if {
	some e in estate.instances
	some flow in e.instance.flows
	some r in flow.references
	r.kind == "lambda"
	not r.dynamic
}

connect_function_arns contains evidence.unqualified(a) if {
	some e in estate.instances
	some a in e.instance.lambdaFunctions
}

# CloudFormation tags what it creates with the stack id; a function a template declares (not
# deployed yet) carries only the logical id the stack will tag it with.
stack_created(f) if is_string(f.tags["aws:cloudformation:stack-id"])

stack_created(f) if is_string(f.tags["aws:cloudformation:logical-id"])

# SCV's functions name their org in SALESFORCE_ORG_ID (its value may not be known before deploy).
carries_org_id(f) if is_string(f.salesforceOrgId)

carries_org_id(f) if {
	some v in object.get(f, "variables", [])
	v.name == "SALESFORCE_ORG_ID"
}

why_scv(f) := "created by a CloudFormation stack" if stack_created(f)

why_scv(f) := "used by Amazon Connect" if {
	not stack_created(f)
	f.arn in connect_function_arns
}

why_scv(f) := "an SCV function (SALESFORCE_ORG_ID)" if {
	not stack_created(f)
	not f.arn in connect_function_arns
	carries_org_id(f)
}

deny contains finding if {
	some e in evidence.functions
	f := e.function
	why := why_scv(f)
	credentials := [sprintf("%s (%s)", [v.name, v.credential]) | some v in object.get(f, "variables", []); is_string(v.credential)]
	count(credentials) > 0
	finding := {
		"msg": sprintf(
			"Lambda function %s (%s) keeps what looks like a credential in environment variable(s) %s. Store the secret in SSM Parameter Store or Secrets Manager, keep only its name or ARN in the variable, and rotate it.",
			[f.arn, why, concat(", ", sort(credentials))],
		),
		"resource": estate.ref("lambda-function", f.arn, object.get(f, "environment", null)),
	}
}
