# METADATA
# title: Contact flow invokes a Lambda function of another account or environment
# description: |
#   Each environment invokes its own Lambda functions (separate aliases or stages such as
#   myLambda:DEV, myLambda:TEST, myLambda:PROD). Fires once per flow or flow module that invokes a
#   Lambda function of another AWS account than its instance's, or whose name or alias carries a
#   word marking another environment: a non-production marker (`nonProductionLambdaMarkers`) for
#   a production instance, a production marker (`productionLambdaMarkers`) for a non-production
#   one, or the name of another known environment. Dynamic references are left out, and the
#   account is compared only when the instance's account is known (pre-deploy flows with no
#   --environment mapped to an account are compared by name only).
# related_resources:
#   - ref: https://docs.aws.amazon.com/lambda/latest/dg/configuration-aliases.html
#     description: Lambda function aliases (one alias per environment, dev/test/prod guidance)
#   - ref: https://docs.aws.amazon.com/connect/latest/adminguide/connect-lambda-functions.html
#     description: Invoke AWS Lambda functions from Amazon Connect
# custom:
#   id: SCV-FLOW-001
#   severity: high
#   inputs: [aws.connectInstances, aws.connectInstances.flows]
#   remediation: |
#     Point the flow at the Lambda function (or alias) of its own environment in its own account,
#     and deploy flows between environments through CI/CD with environment-specific ARNs.
#   tags: [flows, environments, lambda]
package scv.rules.flows.cross_environment_lambda

import data.scv.lib.arn
import data.scv.lib.config
import data.scv.lib.env
import data.scv.lib.estate
import data.scv.lib.flows
import rego.v1

words(function_arn) := {w |
	some part in [arn.lambda_function_name(function_arn), arn.lambda_qualifier_or_empty(function_arn)]
	some w in regex.split(`[^a-z0-9]+`, lower(part))
	w != ""
}

# Names of the other known environments, as words.
other_environment_words(environment) := {lower(e.name) | some e in input.environments; e.name != environment}

problems(function_arn, instance_account, environment, tier) := (account_problem(function_arn, instance_account) | marker_problem(function_arn, environment, tier)) | name_problem(function_arn, environment, tier)

# Markers of the tier other than `tier` (none when the tier is unknown).
other_tier_markers(tier) := config.non_production_lambda_markers if tier == "production"

other_tier_markers(tier) := config.production_lambda_markers if tier == "non-production"

other_tier_markers(tier) := set() if not tier in {"production", "non-production"}

# Only against a known account: a flow whose instance's account is not known is never compared.
account_problem(function_arn, instance_account) := {sprintf("it is in account %s, not the instance's account %s", [acct, instance_account]) |
	estate.account_known(instance_account)
	acct := arn.account(function_arn)
	acct != instance_account
}

marker_problem(function_arn, environment, tier) := {sprintf("its name marks a %s environment (%s) but the instance is %s (%s)", [other_tier, concat(", ", sort(found)), tier, environment]) |
	tier in {"production", "non-production"}
	some other_tier, markers in {"production": config.production_lambda_markers, "non-production": config.non_production_lambda_markers}
	other_tier != tier
	found := words(function_arn) & markers
	count(found) > 0
	not lower(environment) in words(function_arn)
}

# Names of other environments not already reported as markers of the other tier.
name_problem(function_arn, environment, tier) := {sprintf("its name names environment %s but the instance is %s", [concat(", ", sort(found)), environment]) |
	environment != ""
	found := (words(function_arn) & other_environment_words(environment)) - other_tier_markers(tier)
	count(found) > 0
	not lower(environment) in words(function_arn)
}

deny contains finding if {
	some entry in estate.instances
	instance_account := entry.account.id
	environment := object.get(estate.instance_environments, entry.instance.arn, "")
	tier := object.get(env.tiers, environment, "")
	some flow in entry.instance.flows
	found := {[ref.arn, p, flows.block_text(ref)] |
		some ref in flow.references
		ref.kind == "lambda"
		not object.get(ref, "dynamic", false)
		arn.lambda_function_name(ref.arn)
		some p in problems(ref.arn, instance_account, environment, tier)
	}
	count(found) > 0
	finding := {
		"msg": sprintf(
			"Contact flow %s of %s invokes Lambda functions of another account or environment: %s. Invoke the Lambda function or alias of the flow's own environment and account.",
			[flows.flow_text(flow, entry.instance), estate.instance_text(entry.instance), concat(", ", [function_text(f, found) | some f in sort({p[0] | some p in found})])],
		),
		"resource": estate.ref("contact-flow", flows.flow_id(flow), object.get(estate.instance_environments, entry.instance.arn, null)),
		"related": array.concat([estate.instance_ref(entry.instance.arn)], [{"type": "lambda-function", "id": f} | some f in sort({p[0] | some p in found})]),
		"origins": estate.action_origins([ref | some ref in flow.references; ref.kind == "lambda"; ref.arn in {p[0] | some p in found}]),
	}
}

# A function with the blocks that invoke it and what is wrong with it.
function_text(f, found) := sprintf("%s in %s (%s)", [f, concat(", ", sort({p[2] | some p in found; p[0] == f})), concat("; ", sort({p[1] | some p in found; p[0] == f}))])
