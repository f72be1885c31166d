# METADATA
# title: AWS account left behind with no Salesforce org
# description: |
#   An AWS account that served Service Cloud Voice (it holds SCV roles or Amazon Connect
#   instances) but is linked to no active Salesforce org, e.g. left after a sandbox was deleted.
#   Deleting a sandbox does not affect its AWS account, which keeps incurring charges. Fires only
#   when the inventory holds Salesforce orgs and none failed to be read (otherwise links cannot be
#   known), and not for accounts that are already suspended or closed. Scan every org of the estate together with
#   its AWS accounts: an org left out of the scan makes its accounts look unlinked. Resources
#   declared in files (plans, templates, flow exports) are planned, not evidence of past use.
# related_resources:
#   - ref: https://help.salesforce.com/apex/HTViewHelpDoc?id=service.voice_sandbox_guidelines.htm
#     description: Sandbox Org Guidelines for Service Cloud Voice and Amazon Connect (Deleting Sandbox Orgs)
#   - ref: https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-closing.html
#     description: Closing an AWS account
# custom:
#   id: SCV-ACCT-003
#   severity: medium
#   inputs: [aws.accounts, aws.connectInstances, aws.iamRoles, salesforce.orgs, salesforce.contactCenters]
#   remediation: |
#     Reuse the account for another sandbox org, or, if it is no longer needed, close the account
#     (submit a case to Salesforce Support for Salesforce-managed accounts) to avoid unnecessary charges.
#   tags: [accounts, cost, lifecycle]
package scv.rules.accounts.orphaned_account

import data.scv.lib.estate
import rego.v1

closed_states := {"SUSPENDED", "CLOSED", "PENDING_CLOSURE"}

# Evidence from the live estate only: resources declared in files (with `origin`) are planned.
live_instances(acct) := [i | some i in acct.connectInstances; not i.origin]


deny contains finding if {
	estate.salesforce_collected
	some acct in input.aws.accounts
	estate.account_known(acct.id)
	not object.get(acct, "state", null) in closed_states
	not estate.orgs_by_account[acct.id]
	evidence := scv_evidence(acct)
	count(evidence) > 0
	deleted := sort(object.get(estate.deleted_orgs_by_account, acct.id, set()))
	finding := {
		"msg": sprintf(
			"AWS account %s holds Service Cloud Voice resources (%s) but is linked to no active Salesforce org%s. Reuse it for another org or, if it is no longer needed, close the account to avoid unnecessary charges.",
			[acct.id, concat(", ", evidence), deleted_note(deleted)],
		),
		"resource": estate.account_ref(acct.id),
		"related": [estate.org_ref(estate.orgs_by_id[id]) | some id in deleted],
	}
}

# What shows the account served SCV, from the live estate only.
scv_evidence(acct) := array.concat(
	[sprintf("%d Amazon Connect instance(s)", [n]) | n := count(live_instances(acct)); n > 0],
	[sprintf("%d SCV role(s)", [n]) | n := count(live_scv_roles(acct)); n > 0],
)

live_scv_roles(acct) := [r |
	some r in acct.iamRoles
	not r.origin
	estate.is_scv_role(r)
]

deleted_note(ids) := "" if count(ids) == 0

deleted_note(ids) := sprintf(" (it was linked to deleted org %s)", [concat(", ", [estate.org_label_by_id(id) | some id in ids])]) if count(ids) > 0
