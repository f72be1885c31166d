# METADATA
# title: AWS-side evidence ties an account to several orgs, or to an org of another tier
# description: |
#   Each Salesforce org points to an AWS account solely dedicated to it, and a sandbox never shares
#   the production account. What Service Cloud Voice leaves in an account names its org even when
#   that org is not scanned: SAML providers `SalesforceServiceVoiceIdp_<org id>`, the
#   `SalesforceOrgId` parameter of SCV CloudFormation stacks and the `SALESFORCE_ORG_ID` variable
#   of Lambda functions. Fires once per account whose evidence names more than one org, or names
#   an org whose tier (the scanned org's, else the EnvironmentType its stack declares) differs from
#   the account's. Org ids are compared by their first 15 characters. Accounts and orgs of unknown
#   tier are not compared.
# related_resources:
#   - ref: https://help.salesforce.com/apex/HTViewHelpDoc?id=service.voice_sandbox_guidelines.htm
#     description: Sandbox Org Guidelines for Service Cloud Voice and Amazon Connect (seed scv-sandbox-guidelines; one AWS account per org)
# custom:
#   id: SCV-ACCT-005
#   severity: critical
#   remediation: |
#     Give each org its own AWS account of its own tier: remove the other org's SCV stack, SAML
#     provider and Lambda functions from this account (delete its contact center first, or relink
#     it to an account of its own) and deploy them in the org's dedicated account.
#   tags: [accounts, isolation, salesforce, evidence]
#   inputs: [aws.accounts, aws.samlProviders, aws.cloudFormationStacks, aws.lambdaFunctions, salesforce.orgs]
package scv.rules.accounts.evidence_org_mismatch

import data.scv.lib.estate
import data.scv.lib.evidence
import rego.v1

org_label(key, _) := estate.org_label(evidence.orgs_by_key[key])

org_label(key, entries) := min({e.org | some e in entries; e.key == key}) if not evidence.orgs_by_key[key]

problems(account_id, entries, keys) := {sprintf("it holds evidence of %d orgs", [count(keys)]) | count(keys) > 1} | {sprintf("%s org %s is in this %s account", [t, org_label(key, entries), account_tier]) |
	account_tier := evidence.account_tier(account_id)
	some key in keys
	t := evidence.org_tier_by_key(key)
	t != account_tier
}

deny contains finding if {
	some account_id, entries in evidence.org_evidence_by_account
	evidence.account_known(account_id)
	keys := {e.key | some e in entries}
	found := problems(account_id, entries, keys)
	count(found) > 0
	finding := {
		"msg": sprintf(
			"AWS account %s: %s (%s). Each org needs an AWS account of its own tier, solely dedicated to it.",
			[account_id, concat("; ", sort(found)), concat(", ", sort({sprintf("%s names %s", [e.what, e.org]) | some e in entries}))],
		),
		"resource": estate.account_ref(account_id),
		"related": [estate.org_ref(evidence.orgs_by_key[key]) | some key in sort(keys); evidence.orgs_by_key[key]],
	}
}
