# METADATA
# title: Production role trusts a non-production account or a sandbox org's identity provider
# description: |
#   Dev and test users never reach production recordings: no principal of a non-production
#   environment may assume a production role. Fires once per IAM role of a production account
#   whose trust policy lets in a non-production account — as an AWS principal, or named by an
#   `aws:PrincipalAccount` / `aws:PrincipalArn` condition — or federates through the SAML provider
#   of a non-production Salesforce org (`SalesforceServiceVoiceIdp_<org id>`: the scanned org's
#   tier, else the EnvironmentType its SCV stack declares). Names each statement (Sid or index)
#   and principal. Accounts and orgs of unknown tier are left out.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
#     description: IAM role trust policies (seed connect-dev-test-prod; dev users never access prod recordings)
#   - ref: https://help.salesforce.com/apex/HTViewHelpDoc?id=service.voice_sandbox_guidelines.htm
#     description: Sandbox Org Guidelines for Service Cloud Voice and Amazon Connect
# custom:
#   id: SCV-IAM-006
#   severity: critical
#   remediation: |
#     Remove the non-production account or identity provider from the production role's trust
#     policy; give the non-production environment its own role in its own account.
#   tags: [iam, environments, isolation]
#   inputs: [aws.iamRoles, aws.accounts, aws.samlProviders, aws.cloudFormationStacks, salesforce.orgs]
package scv.rules.iam.production_role_trusts_nonproduction

import data.scv.lib.arn
import data.scv.lib.estate
import data.scv.lib.evidence
import data.scv.lib.iam
import rego.v1

principal_condition_keys := {"aws:principalaccount", "aws:principalarn"}

statement_label(_, stmt) := sprintf("statement %s", [stmt.Sid]) if is_string(object.get(stmt, "Sid", null))

statement_label(i, stmt) := sprintf("statement %d", [i]) if not is_string(object.get(stmt, "Sid", null))

allow_statements(role) := [[i, stmt] |
	is_object(role.trustPolicy)
	some i, stmt in role.trustPolicy.Statement
	iam.is_allow(stmt)
]

nonproduction_account(acct) if {
	evidence.account_known(acct)
	evidence.account_tier(acct) == "non-production"
}

problems(role, own) := {p |
	some [i, stmt] in allow_statements(role)
	some p in (principal_problems(i, stmt, own) | condition_problems(i, stmt, own)) | saml_problems(i, stmt)
}

principal_problems(i, stmt, own) := {sprintf("%s lets in non-production account %s", [statement_label(i, stmt), acct]) |
	some acct in iam.principal_accounts(stmt)
	acct != own
	nonproduction_account(acct)
}

condition_problems(i, stmt, own) := {sprintf("%s admits non-production account %s through %s", [statement_label(i, stmt), acct, key]) |
	some _, tests in iam.conditions(stmt)
	some key, values in tests
	lower(key) in principal_condition_keys
	some v in iam.as_list(values)
	acct := arn.principal_account(v)
	acct != own
	nonproduction_account(acct)
}

saml_problems(i, stmt) := {sprintf("%s federates through %s of non-production org %s", [statement_label(i, stmt), p, id]) |
	is_object(object.get(stmt, "Principal", null))
	some p in iam.as_list(object.get(stmt.Principal, "Federated", []))
	name := trim_prefix(arn.resource(p), "saml-provider/")
	id := evidence.saml_provider_org(name)
	evidence.org_tier_by_key(evidence.org_key(id)) == "non-production"
}

deny contains finding if {
	some a in input.aws.accounts
	evidence.account_known(a.id)
	evidence.account_tier(a.id) == "production"
	some role in a.iamRoles
	found := problems(role, a.id)
	count(found) > 0
	finding := {
		"msg": sprintf(
			"Role %s of production account %s trusts non-production principals: %s. Dev and test users must never reach production: remove them from the trust policy.",
			[role.arn, a.id, concat("; ", sort(found))],
		),
		"resource": estate.role_ref(role.arn),
		"related": [estate.account_ref(a.id)],
	}
}
