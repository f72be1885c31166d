package scv.test.rules.iam.production_role_trusts_nonproduction

import data.scv.rules.iam.production_role_trusts_nonproduction as rule
import data.scv.test.fixtures as fx
import rego.v1

prod := "111111111111"

uat := "222222222222"

sandbox_org := "00D7z000000UaTaEAK"

inv(trust_policy, orgs, uat_extra) := fx.inventory(orgs, [
	fx.account_with(prod, "prod", [], [fx.role(prod, "RecordingsReader", trust_policy)], []),
	object.union(fx.account(uat, "uat"), uat_extra),
])

saml_trust(provider_account, org_id) := {"Version": "2012-10-17", "Statement": [{
	"Sid": "Agents",
	"Effect": "Allow",
	"Principal": {"Federated": sprintf("arn:aws:iam::%s:saml-provider/SalesforceServiceVoiceIdp_%s", [provider_account, org_id])},
	"Action": "sts:AssumeRoleWithSAML",
}]}

test_uat_account_principal_fires if {
	findings := rule.deny with input as inv(fx.trust(sprintf("arn:aws:iam::%s:root", [uat]), {}), [], {})
	count(findings) == 1
	some f in findings
	f.resource.id == fx.role_arn(prod, "RecordingsReader")
	fx.mentions(f.msg, "statement 0 lets in non-production account 222222222222")
}

test_principal_account_condition_fires if {
	policy := fx.trust("*", {"StringEquals": {"aws:PrincipalAccount": uat}})
	findings := rule.deny with input as inv(policy, [], {})
	some f in findings
	fx.mentions(f.msg, "admits non-production account 222222222222 through aws:PrincipalAccount")
}

test_saml_provider_of_scanned_sandbox_fires if {
	org := fx.org(sandbox_org, "sandbox", "uat", null, [])
	findings := rule.deny with input as inv(saml_trust(prod, sandbox_org), [org], {})
	some f in findings
	fx.mentions(f.msg, "statement Agents federates through")
	fx.mentions(f.msg, sprintf("of non-production org %s", [sandbox_org]))
}

test_saml_provider_of_unscanned_org_takes_stack_tier if {
	stack := {"id": "s", "name": "scv", "region": "us-east-1", "status": "CREATE_COMPLETE", "tags": {}, "outputs": {}, "parameters": {"SalesforceOrgId": sandbox_org, "EnvironmentType": "SANDBOX"}}
	count(rule.deny) == 1 with input as inv(saml_trust(prod, sandbox_org), [], {"cloudFormationStacks": [stack]})
}

test_saml_provider_of_unknown_org_stays_silent if {
	count(rule.deny) == 0 with input as inv(saml_trust(prod, sandbox_org), [], {})
}

test_production_principals_pass if {
	count(rule.deny) == 0 with input as inv(fx.trust(sprintf("arn:aws:iam::%s:root", [prod]), {}), [], {})
	count(rule.deny) == 0 with input as inv(fx.trust(fx.salesforce_principal, fx.external_id("x")), [], {})
}

test_uat_role_trusting_uat_is_not_judged if {
	inventory := fx.inventory([], [fx.account_with(uat, "uat", [], [fx.role(uat, "R", fx.trust("arn:aws:iam::333333333333:root", {}))], []), fx.account("333333333333", "dev")])
	count(rule.deny) == 0 with input as inventory
}
