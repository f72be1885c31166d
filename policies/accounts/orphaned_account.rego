# METADATA
# title: AWS account left behind with no Salesforce org
# description: |
#   An AWS account with evidence of having served Service Cloud Voice is linked to no active
#   Salesforce org, e.g. left after a sandbox was deleted: deleting a sandbox does not affect its
#   AWS account, which keeps incurring charges. Evidence, from the live estate only (resources
#   declared in files are planned): a role a contact center referenced, an SCV CloudFormation
#   stack, a `SalesforceServiceVoiceIdp_<org id>` SAML provider, an SCV-tagged Connect instance,
#   a deleted org linked to it. A native Amazon Connect account with no SCV evidence is not SCV's.
#   Fires only when the scan covers Salesforce, and not for accounts that are suspended or
#   closed. A Salesforce collection error silences it only for the accounts the failed org could
#   link: those its partial record links, those whose evidence names it, those whose evidence names
#   no org, and (when the failed org's id is not known) those whose evidence names an org the scan
#   did not read. Scan every org of the estate together with its AWS accounts: an org left out of
#   the scan makes its accounts look unlinked.
# related_resources:
#   - ref: https://help.salesforce.com/apex/HTViewHelpDoc?id=service.voice_sandbox_guidelines.htm
#     description: Sandbox Org Guidelines for Service Cloud Voice and Amazon Connect (Deleting Sandbox Orgs)
#   - ref: https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-closing.html
#     description: Closing an AWS account
# custom:
#   id: SCV-ACCT-003
#   severity: medium
#   inputs: [aws.accounts, aws.connectInstances, aws.connectInstances.tags, aws.iamRoles, aws.cloudFormationStacks, aws.samlProviders, salesforce.orgs, salesforce.contactCenters]
#   remediation: |
#     Reuse the account for another org, or delete its Service Cloud Voice resources (CloudFormation
#     stacks, Connect instances, cross-account roles, SAML provider); close the account only if
#     nothing else uses it (submit a case to Salesforce Support for Salesforce-managed accounts).
#   tags: [accounts, cost, lifecycle]
package scv.rules.accounts.orphaned_account

import data.scv.lib.estate
import data.scv.lib.scv_artifacts as artifacts
import rego.v1

closed_states := {"SUSPENDED", "CLOSED", "PENDING_CLOSURE"}

# Evidence items of an account: [text, keys of the orgs it names (empty: names none)].
evidence(acct) := ((((role_evidence(acct) | stack_evidence(acct)) | saml_evidence(acct)) | tag_evidence(acct)) | deleted_org_evidence(acct))

role_evidence(acct) := {[sprintf("role %s that a contact center referenced", [r.arn]), {artifacts.org_key(id) | some id in referencing_orgs[r.arn]}] |
	some r in acct.iamRoles
	not r.origin
	r.arn in estate.referenced_role_arns
}

referencing_orgs[role_arn] contains org.id if {
	some org in input.salesforce.orgs
	some cc in org.contactCenters
	some role_arn in estate.cc_role_arns(cc)
}

stack_evidence(acct) := {[sprintf("SCV CloudFormation stack %s", [stack.name]), {k | k := artifacts.org_key(object.get(stack.parameters, "SalesforceOrgId", null))}] |
	some stack in artifacts.scv_stacks(acct)
}

saml_evidence(acct) := {[sprintf("SAML provider %s", [p.name]), {k | k := artifacts.saml_org_key(p)}] |
	some p in artifacts.scv_saml_providers(acct)
}

tag_evidence(acct) := {[sprintf("Connect instance %s tagged %s", [i.arn, concat(", ", sort(keys))]), set()] |
	some i in acct.connectInstances
	not i.origin
	keys := artifacts.scv_tag_keys(i.tags)
	count(keys) > 0
}

deleted_org_evidence(acct) := {[sprintf("deleted org %s linked to it", [estate.org_label_by_id(id)]), {artifacts.org_key(id)}] |
	some id in object.get(estate.deleted_orgs_by_account, acct.id, set())
}

known_org_keys := {artifacts.org_key(org.id) | some org in input.salesforce.orgs}

salesforce_failures := [e | some e in input.collection.errors; e.source == "salesforce"]

# The scan covers Salesforce: orgs were read, or tried.
salesforce_scanned if count(input.salesforce.orgs) > 0

salesforce_scanned if count(salesforce_failures) > 0

# An org that could not be read completely could link the account (see the description).
failed_org_could_link(acct, _) if {
	some org in input.salesforce.orgs
	artifacts.org_key(org.id) in artifacts.failed_org_keys
	acct.id in estate.org_account_ids(org)
}

failed_org_could_link(_, items) if {
	some item in items
	some key in item[1]
	key in artifacts.failed_org_keys
}

failed_org_could_link(_, items) if {
	count(salesforce_failures) > 0
	some item in items
	count(item[1]) == 0
}

failed_org_could_link(_, items) if {
	artifacts.unidentified_org_failure
	some item in items
	some key in item[1]
	not key in known_org_keys
}

deny contains finding if {
	salesforce_scanned
	some acct in input.aws.accounts
	estate.account_known(acct.id)
	not object.get(acct, "state", null) in closed_states
	not estate.orgs_by_account[acct.id]
	items := evidence(acct)
	count(items) > 0
	not failed_org_could_link(acct, items)
	deleted := sort(object.get(estate.deleted_orgs_by_account, acct.id, set()))
	finding := {
		"msg": sprintf(
			"AWS account %s served Service Cloud Voice (%s) but is linked to no active Salesforce org. Reuse it for another org, or delete its Service Cloud Voice resources and, if nothing else uses the account, close it to avoid unnecessary charges.",
			[acct.id, concat("; ", sort([item[0] | some item in items]))],
		),
		"resource": estate.account_ref(acct.id),
		"related": [estate.org_ref(estate.orgs_by_id[id]) | some id in deleted],
	}
}
