# METADATA
# title: Production flow invokes an unqualified Lambda function or a Lex test alias
# description: |
#   Each environment invokes its own, published Lambda alias or version (myLambda:PROD) and its own
#   Lex bot alias. A production flow that calls a function without a qualifier (or `$LATEST`) runs
#   whatever code was deployed last, and Lex V2's `TestBotAlias` (alias id `TSTALIASID`) is the
#   draft bot meant for testing. Fires once per flow or flow module of a production instance that
#   does either, naming each reference. Dynamic references and instances of unknown environment
#   are left out.
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/configuration-aliases.html
#     description: Lambda function aliases (seed connect-dev-test-prod; separate aliases/stages per environment)
#   - ref: https://docs.aws.amazon.com/lexv2/latest/dg/aliases.html
#     description: Lex V2 aliases (TestBotAlias is for testing only)
# custom:
#   id: SCV-FLOW-005
#   severity: medium
#   remediation: |
#     Publish a version of the function, point a PROD alias at it and invoke the alias ARN from the
#     production flow; create a production alias of the Lex bot on a published bot version and
#     use it instead of TestBotAlias.
#   tags: [flows, lambda, lex, releases]
#   inputs: [aws.connectInstances, aws.connectInstances.flows]
package scv.rules.flows.unqualified_production_invocation

import data.scv.lib.arn
import data.scv.lib.estate
import data.scv.lib.flows
import rego.v1

lex_test_alias_id := "TSTALIASID"

problem(ref) := "Lambda function without alias or version" if {
	ref.kind == "lambda"
	arn.lambda_function_name(ref.arn)
	not arn.lambda_qualifier(ref.arn)
}

problem(ref) := "Lambda $LATEST" if {
	ref.kind == "lambda"
	arn.lambda_qualifier(ref.arn) == "$LATEST"
}

problem(ref) := "Lex TestBotAlias" if {
	ref.kind == "lex"
	arn.service(ref.arn) == "lex"
	segments := split(arn.resource(ref.arn), "/")
	segments[0] == "bot-alias"
	segments[2] == lex_test_alias_id
}

deny contains finding if {
	some entry in estate.instances
	environment := estate.instance_environments[entry.instance.arn]
	estate.tier_of_environment(environment) == "production"
	some flow in entry.instance.flows
	found := {sprintf("%s (%s)", [ref.arn, p]) |
		some ref in flow.references
		not object.get(ref, "dynamic", false)
		p := problem(ref)
	}
	count(found) > 0
	finding := {
		"msg": sprintf(
			"Production contact flow %s of %s invokes %s. Invoke a published Lambda alias or version (e.g. :PROD) and a production Lex bot alias.",
			[flows.flow_text(flow, entry.instance), estate.instance_text(entry.instance), concat(", ", sort(found))],
		),
		"resource": estate.ref("contact-flow", flows.flow_id(flow), environment),
		"related": [estate.instance_ref(entry.instance.arn)],
	}
}
