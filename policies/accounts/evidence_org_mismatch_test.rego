package scv.test.rules.accounts.evidence_org_mismatch

import data.scv.rules.accounts.evidence_org_mismatch as rule
import data.scv.test.fixtures as fx
import rego.v1

prod_org := "00D5g000004AbCdEAK"

uat_org := "00D7z000000UaTaEAK"

saml(account, org) := {"arn": sprintf("arn:aws:iam::%s:saml-provider/SalesforceServiceVoiceIdp_%s", [account, org]), "name": sprintf("SalesforceServiceVoiceIdp_%s", [org])}

stack(org, tier) := {"id": sprintf("stack-%s", [org]), "name": "scv", "region": "us-east-1", "status": "CREATE_COMPLETE", "tags": {}, "outputs": {}, "parameters": {"SalesforceOrgId": org, "EnvironmentType": tier, "CallCenterApiName": "Acme"}}

fn(org) := {"arn": "arn:aws:lambda:us-east-1:111111111111:function:f", "name": "f", "region": "us-east-1", "environment": null, "role": null, "runtime": null, "tags": {}, "variables": [], "salesforceOrgId": org}

inv(orgs, environment, extra) := fx.inventory(orgs, [object.union(fx.account("111111111111", environment), extra)])

test_one_org_of_the_same_tier_passes if {
	extra := {"samlProviders": [saml("111111111111", prod_org)], "cloudFormationStacks": [stack(prod_org, "PRODUCTION")], "lambdaFunctions": [fn(substring(prod_org, 0, 15))]}
	count(rule.deny) == 0 with input as inv([], "prod", extra)
}

test_two_orgs_fire_even_unscanned if {
	findings := rule.deny with input as inv([], "prod", {"samlProviders": [saml("111111111111", prod_org)], "lambdaFunctions": [fn(uat_org)]})
	count(findings) == 1
	some f in findings
	f.resource.id == "111111111111"
	fx.mentions(f.msg, "it holds evidence of 2 orgs")
	fx.mentions(f.msg, sprintf("Lambda function f (SALESFORCE_ORG_ID) names %s", [uat_org]))
}

test_sandbox_stack_in_production_account_fires if {
	findings := rule.deny with input as inv([], "prod", {"cloudFormationStacks": [stack(uat_org, "SANDBOX")]})
	some f in findings
	fx.mentions(f.msg, sprintf("non-production org %s is in this production account", [uat_org]))
}

test_scanned_production_org_in_uat_account_fires if {
	org := fx.org(prod_org, "production", "prod", null, [])
	findings := rule.deny with input as inv([org], "uat", {"samlProviders": [saml("111111111111", prod_org)]})
	some f in findings
	fx.mentions(f.msg, "production org Org 00D5g000004AbCdEAK (00D5g000004AbCdEAK) is in this non-production account")
	f.related == [{"type": "salesforce-org", "id": prod_org, "environment": "prod"}]
}

test_unknown_tiers_stay_silent if {
	count(rule.deny) == 0 with input as inv([], "prod", {"samlProviders": [saml("111111111111", uat_org)]})
	count(rule.deny) == 0 with input as inv([], null, {"cloudFormationStacks": [stack(uat_org, "SANDBOX")]})
}
