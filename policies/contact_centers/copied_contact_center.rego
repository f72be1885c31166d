# METADATA
# title: Contact center copied from another org
# description: |
#   Each contact center should be created from scratch, never copied from another org. Fires once
#   per contact center of an active org when (a) its Amazon Connect instance is also used by an
#   earlier-created contact center of another org, or of the org it was copied from;
#   (b) its AWS account is the AwsAccountKey of another org and not its own org's; or (c) its org
#   is a cloned or refreshed sandbox, the contact center was created before the sandbox's last
#   copy, and it still points at an instance or account of the source org. A deleted org owns
#   nothing any more (its AWS account may be reused for another org) unless it is the org this
#   one was copied from. A contact center known only by an alias that names no single instance
#   makes the rule say it cannot know whether (a) holds, when the scan holds another org.
# related_resources:
#   - ref: https://help.salesforce.com/apex/HTViewHelpDoc?id=service.voice_sandbox_guidelines.htm
#     description: Sandbox Org Guidelines for Service Cloud Voice and Amazon Connect (Cloning Sandbox Orgs)
# custom:
#   id: SCV-CC-002
#   severity: high
#   inputs: [salesforce.orgs, salesforce.sandbox, salesforce.contactCenters]
#   remediation: |
#     Delete the copied contact center in this org and create a new one from scratch, linked to a
#     new Amazon Connect instance in an AWS account dedicated to this org.
#   tags: [contact-centers, sandbox, lifecycle]
package scv.rules.contact_centers.copied_contact_center

import data.scv.lib.arn
import data.scv.lib.estate
import data.scv.lib.times
import rego.v1

# The org a sandbox was copied from: the source sandbox of a clone, else its production org.
source_org_ids(org) := {id} if {
	id := org.sandbox.sourceOrgId
	is_string(id)
}

source_org_ids(org) := {id} if {
	not is_string(org.sandbox.sourceOrgId)
	id := org.sandbox.productionOrgId
	is_string(id)
}

source_org_ids(org) := set() if {
	not is_string(org.sandbox.sourceOrgId)
	not is_string(org.sandbox.productionOrgId)
}

# instance ARN -> contact centers of every org (deleted included: a source org may be gone).
all_ccs_by_instance[instance_arn] contains {"org": org.id, "cc": cc} if {
	some org in input.salesforce.orgs
	some cc in org.contactCenters
	instance_arn := estate.cc_instance_arn(cc)
}

# account id -> orgs whose AwsAccountKey it is.
orgs_by_account_key[account_id] contains org.id if {
	some org in input.salesforce.orgs
	account_id := org.awsAccountKey
	arn.is_account_id(account_id)
}

earlier(a, b) if times.before(a, b)

# Another org still owns what it was linked to while it is active; a deleted org's account and
# instance are free for reuse by another org, unless this org was copied from it.
owner(other_id, _) if estate.orgs_by_id[other_id].status == "active"

owner(other_id, org) if other_id in source_org_ids(org)

# Reasons, each [text, other org id].
reasons(org, cc) := (instance_reasons(org, cc) | account_reasons(org, cc)) | clone_reasons(org, cc)

instance_reasons(org, cc) := {[text, other.org] |
	instance_arn := estate.cc_instance_arn(cc)
	some other in all_ccs_by_instance[instance_arn]
	other.org != org.id
	owner(other.org, org)
	original(other, cc, org)
	text := sprintf("its instance %s is also used by contact center %s of org %s", [instance_arn, other.cc.id, estate.org_label_by_id(other.org)])
}

account_reasons(org, cc) := {[text, other_id] |
	some account_id in cc_connect_accounts(cc)
	account_id != org.awsAccountKey
	some other_id in orgs_by_account_key[account_id]
	other_id != org.id
	owner(other_id, org)
	text := sprintf("its AWS account %s is the AWS account of org %s", [account_id, estate.org_label_by_id(other_id)])
}

clone_reasons(org, cc) := {[text, source_id] |
	org.kind == "sandbox"
	earlier(cc.createdAt, org.sandbox.lastCopiedAt)
	some source_id in source_org_ids(org)
	count(source_links(cc, source_id)) > 0
	text := sprintf("it predates the sandbox's last copy (%s) from org %s and still points at its %s", [org.sandbox.lastCopiedAt, estate.org_label_by_id(source_id), concat(" and ", sort(source_links(cc, source_id)))])
}

# The other contact center is the original: created earlier, or in the org this one's sandbox was
# copied from and not created after that copy.
original(other, cc, _) if earlier(other.cc.createdAt, cc.createdAt)

original(other, _, org) if {
	other.org in source_org_ids(org)
	not earlier(org.sandbox.lastCopiedAt, other.cc.createdAt)
}

cc_connect_accounts(cc) := {id | id := cc.connect.awsAccountId; arn.is_account_id(id)} | {id | id := arn.account(estate.cc_instance_arn(cc))}

# What of the source org a contact center still points at.
source_links(cc, source_id) := {sprintf("instance %s", [instance_arn]) |
	instance_arn := estate.cc_instance_arn(cc)
	some other in all_ccs_by_instance[instance_arn]
	other.org == source_id
} | {sprintf("AWS account %s", [account_id]) |
	some account_id in cc_connect_accounts(cc)
	account_id == estate.orgs_by_id[source_id].awsAccountKey
}

deny contains finding if {
	some entry in estate.contact_centers
	found := reasons(entry.org, entry.cc)
	count(found) > 0
	others := {r[1] | some r in found}
	finding := {
		"msg": sprintf(
			"Contact center %s in org %s looks copied from another org: %s. Each contact center should be created from scratch: delete it and create a new contact center linked to a new Amazon Connect instance in an AWS account dedicated to this org.",
			[estate.cc_label(entry.cc), estate.org_label(entry.org), concat("; ", sort([r[0] | some r in found]))],
		),
		"resource": estate.cc_ref(entry.cc, entry.org),
		"related": array.concat(
			[estate.org_ref(entry.org)],
			[estate.ref("salesforce-org", id, object.get(object.get(estate.orgs_by_id, id, {}), "environment", null)) | some id in sort(others)],
		),
	}
}

# A contact center whose instance is known only by an alias that names no single instance: whether
# it uses the instance of another org's contact center cannot be known (only asked when the scan
# holds another org to copy from).
incomplete contains sprintf("%s: whether it uses the instance of another org's contact center cannot be known.", [u.reason]) if {
	some u in estate.unresolved_aliases
	u.active
	some other in input.salesforce.orgs
	other.id != u.org
}
