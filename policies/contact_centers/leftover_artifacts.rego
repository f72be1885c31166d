# METADATA
# title: AWS artifacts of a deleted contact center left behind
# description: |
#   Deleting a contact center in Salesforce does not delete its CloudFormation stack, Lambda
#   functions and contact flows: they keep running and costing. Fires once per SCV CloudFormation
#   stack whose instance (`ConnectInstanceId`) no longer exists in its account, or whose call
#   center (`CallCenterApiName`) no longer exists in its org (the org was deleted, or the scanned
#   org has no contact center of that name), naming the Lambda functions the stack created. Says
#   nothing when it cannot know: the account's instances were not listed live and in full, or the
#   org is not scanned, or Salesforce collection failed.
# related_resources:
#   - ref: https://help.salesforce.com/apex/HTViewHelpDoc?id=service.voice_sandbox_guidelines.htm
#     description: Sandbox Org Guidelines for Service Cloud Voice (seed scv-sandbox-guidelines; deleting a contact center leaves the stack, Lambda functions and flows behind)
# custom:
#   id: SCV-CC-005
#   severity: medium
#   remediation: |
#     Delete the leftover CloudFormation stack (which removes the Lambda functions, streams and keys
#     it created) and the contact flows of the deleted contact center, after checking nothing else
#     uses them.
#   tags: [contact-centers, cleanup, cost]
#   inputs: [aws.cloudFormationStacks, aws.lambdaFunctions, aws.lambdaFunctions.tags, aws.connectInstances, salesforce.contactCenters]
package scv.rules.contact_centers.leftover_artifacts

import data.scv.lib.estate
import data.scv.lib.evidence
import rego.v1

# Accounts whose Amazon Connect instances were listed live, without a failed listing.
live_accounts := {s.target | some s in input.collection.sources; s.kind == "aws"}

listing_failed[account_id] if {
	some e in input.collection.errors
	e.source == "aws"
	e.operation == "ListInstances"
	account_id := split(e.target, "/")[0]
}

instance_ids_by_account[a.id] contains i.id if {
	some a in input.aws.accounts
	some i in a.connectInstances
}

# Call center internal names of each scanned org, by org key.
call_centers_by_org[evidence.org_key(org.id)] contains cc.internalName if {
	some org in input.salesforce.orgs
	some cc in org.contactCenters
}

instance_gone(account_id, stack) := sprintf("its instance %s no longer exists in account %s", [id, account_id]) if {
	id := stack.parameters.ConnectInstanceId
	is_string(id)
	id != ""
	account_id in live_accounts
	not listing_failed[account_id]
	not id in object.get(instance_ids_by_account, account_id, set())
}

call_center_gone(stack) := sprintf("its org %s was deleted", [org.id]) if {
	org := evidence.orgs_by_key[evidence.org_key(stack.parameters.SalesforceOrgId)]
	org.status == "deleted"
}

call_center_gone(stack) := sprintf("its call center %s no longer exists in org %s", [name, org.id]) if {
	name := stack.parameters.CallCenterApiName
	is_string(name)
	org := evidence.orgs_by_key[evidence.org_key(stack.parameters.SalesforceOrgId)]
	org.status == "active"
	estate.salesforce_collected
	not name in object.get(call_centers_by_org, evidence.org_key(org.id), set())
}

reasons(account_id, stack) := {r | r := instance_gone(account_id, stack)} | {r | r := call_center_gone(stack)}

deny contains finding if {
	some e in evidence.scv_stacks
	# A stack a template declares is not deployed yet: nothing is left behind.
	not e.stack.origin
	found := reasons(e.account.id, e.stack)
	count(found) > 0
	functions := sort([f.arn | some f in object.get(e.account, "lambdaFunctions", []); f.tags["aws:cloudformation:stack-id"] == e.stack.id])
	finding := {
		"msg": sprintf(
			"SCV CloudFormation stack %s in account %s is left behind: %s. Its Lambda functions (%s) and contact flows keep running; delete the stack and the flows of the deleted contact center.",
			[e.stack.name, e.account.id, concat("; ", sort(found)), functions_text(functions)],
		),
		"resource": estate.ref("cloudformation-stack", e.stack.id, estate.account_environments[e.account.id]),
		"related": [{"type": "lambda-function", "id": f} | some f in functions],
	}
}

functions_text([]) := "none found"

functions_text(fs) := concat(", ", fs) if count(fs) > 0
