# METADATA
# title: AWS account shared between Salesforce orgs
# description: |
#   Each Salesforce org should point to an AWS account solely dedicated to that org. This rule
#   fires once per AWS account that is linked to more than one active org, through any contact
#   center's Connect account, instance or role ARNs, or through the org's AwsAccountKey.
#   Deleted orgs do not count. The message names how each org is linked (its AwsAccountKey, its
#   contact centers). An account that `settings.multiOrg` declares for a supported multi-org setup
#   (every linked org in the group) gets an info-severity note instead, which does not fail the rule.
# related_resources:
#   - ref: https://help.salesforce.com/apex/HTViewHelpDoc?id=service.voice_sandbox_guidelines.htm
#     description: Sandbox Org Guidelines for Service Cloud Voice and Amazon Connect
# custom:
#   id: SCV-ACCT-001
#   severity: critical
#   inputs: [salesforce.orgs, salesforce.contactCenters]
#   remediation: |
#     Give every org its own AWS account: create an AWS account dedicated to each org that shares
#     this one, then relink that org's contact centers to Amazon Connect instances in its own account.
#   tags: [accounts, isolation, salesforce]
package scv.rules.accounts.shared_account

import data.scv.lib.estate
import data.scv.lib.multi_org
import rego.v1

deny contains finding if {
	some account_id, org_ids in estate.orgs_by_account
	count(org_ids) > 1
	not multi_org.covers_account(org_ids, account_id)
	labels := sort([sprintf("%s through %s", [estate.org_label_by_id(id), links_text(estate.orgs_by_id[id], account_id)]) | some id in org_ids])
	finding := {
		"msg": sprintf(
			"AWS account %s is linked to %d Salesforce orgs (%s). Each org should point to an AWS account solely dedicated to it: create a dedicated AWS account for each org and relink its contact centers.",
			[account_id, count(org_ids), concat("; ", labels)],
		),
		"resource": estate.account_ref(account_id),
		"related": [estate.org_ref(estate.orgs_by_id[id]) | some id in sort(org_ids)],
	}
}

# A declared multi-org group: a note, not a violation.
deny contains note if {
	some account_id, org_ids in estate.orgs_by_account
	count(org_ids) > 1
	multi_org.covers_account(org_ids, account_id)
	note := {
		"msg": sprintf("AWS account %s is linked to %d Salesforce orgs (%s), %s.", [account_id, count(org_ids), concat(", ", sort([estate.org_label_by_id(id) | some id in org_ids])), multi_org.note_text]),
		"resource": estate.account_ref(account_id),
		"related": [estate.org_ref(estate.orgs_by_id[id]) | some id in sort(org_ids)],
		"severity": "info",
	}
}

# How an org is linked to an account: its AwsAccountKey, and the contact centers whose Connect
# account, instance or role ARNs are in it.
links_text(org, account_id) := concat(", ", array.concat(
	["its AwsAccountKey" | org.awsAccountKey == account_id],
	sort([sprintf("contact center %s", [estate.cc_label(cc)]) | some cc in org.contactCenters; account_id in estate.cc_account_ids(cc)]),
))
