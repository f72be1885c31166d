# METADATA
# title: Declared multi-org setups
# description: |
#   Salesforce supports one contact center stack shared by several orgs (`InstanceType: SOURCE |
#   REPLICA | MULTIORG`). `settings.multiOrg` declares such groups; the rules about shared
#   accounts, instances and roles then report a note (severity info) instead of a violation.
package scv.lib.multi_org

import data.scv.lib.arn
import data.scv.lib.config
import rego.v1

org_key(id) := substring(id, 0, 15)

# A declared group covers orgs sharing an account: every org is in it and it names the account.
covers_account(org_ids, account_id) if {
	some group in config.multi_org_groups
	account_id in group.accounts
	all_in(org_ids, group)
}

# ... sharing an instance: it names the instance, or the instance's account.
covers_instance(org_ids, instance_arn) if {
	some group in config.multi_org_groups
	instance_arn in group.instances
	all_in(org_ids, group)
}

covers_instance(org_ids, instance_arn) if covers_account(org_ids, arn.account(instance_arn))

# ... sharing a role: it names the role's account.
covers_role(org_ids, role_arn) if covers_account(org_ids, arn.account(role_arn))

all_in(org_ids, group) if {
	keys := {org_key(o) | some o in group.orgs}
	every id in org_ids { org_key(id) in keys }
}

note_text := "declared in settings.multiOrg as a supported Service Cloud Voice multi-org setup; no action needed while the declaration matches the contact center stack (InstanceType SOURCE, REPLICA or MULTIORG)"
