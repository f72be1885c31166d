# METADATA
# title: Sandbox org uses a production org's AWS account
# description: |
#   A sandbox org must have an AWS account completely separate from its production org's account
#   (and from any production org's). This rule fires once per active sandbox org that is linked
#   to an AWS account also linked to an active production org.
# related_resources:
#   - ref: https://help.salesforce.com/apex/HTViewHelpDoc?id=service.voice_sandbox_guidelines.htm
#     description: Sandbox Org Guidelines for Service Cloud Voice and Amazon Connect (Creating Sandbox Orgs)
# custom:
#   id: SCV-ACCT-002
#   severity: critical
#   inputs: [salesforce.orgs, salesforce.contactCenters]
#   remediation: |
#     Create an AWS account that is solely dedicated to the sandbox org and completely separate
#     from the production org's AWS account, create a new contact center linked to a new Amazon
#     Connect instance in it, and delete the contact center that points at the production account.
#   tags: [accounts, isolation, sandbox, salesforce]
package scv.rules.accounts.sandbox_production_account

import data.scv.lib.estate
import rego.v1

production_org_ids := {org.id | some org in estate.active_orgs; org.kind == "production"}

deny contains finding if {
	some sandbox in estate.active_orgs
	sandbox.kind == "sandbox"
	shared := {[account_id, prod_id] |
		some account_id in estate.org_accounts[sandbox.id]
		some prod_id in estate.orgs_by_account[account_id]
		prod_id in production_org_ids
	}
	count(shared) > 0
	accounts := {pair[0] | some pair in shared}
	prods := {pair[1] | some pair in shared}
	finding := {
		"msg": sprintf(
			"Sandbox org %s uses AWS account %s, which also serves production org %s. Create an AWS account that is solely dedicated to this sandbox and completely separate from the production org's AWS account.",
			[estate.org_label(sandbox), concat(", ", sort(accounts)), concat(", ", sort([estate.org_label_by_id(id) | some id in prods]))],
		),
		"resource": estate.org_ref(sandbox),
		"related": array.concat(
			[estate.account_ref(id) | some id in sort(accounts)],
			[estate.org_ref(estate.orgs_by_id[id]) | some id in sort(prods)],
		),
	}
}
