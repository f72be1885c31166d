# METADATA
# title: Environment helpers
# description: |
#   The environment of a resource: its explicit `environment` (config mapping, resolved by the
#   collector) first, then the environment tag (key `environmentTagKey`), then its account's.
#   The tier of an environment comes from `input.environments`. Unknown stays undefined.
package scv.lib.env

import data.scv.lib.config
import rego.v1

tiers := {e.name: e.tier | some e in input.environments}

tagged(tags) := v if {
	is_object(tags)
	v := tags[config.environment_tag_key]
	is_string(v)
	v != ""
}

account_environment(acct) := acct.environment if is_string(object.get(acct, "environment", null))

account_environment(acct) := v if {
	not is_string(object.get(acct, "environment", null))
	v := tagged(object.get(acct, "tags", {}))
}

# Environment of a resource held by account `acct`.
resource_environment(_, res) := res.environment if is_string(object.get(res, "environment", null))

resource_environment(_, res) := v if {
	not is_string(object.get(res, "environment", null))
	v := tagged(object.get(res, "tags", {}))
}

resource_environment(acct, res) := v if {
	not is_string(object.get(res, "environment", null))
	not tagged(object.get(res, "tags", {}))
	v := account_environment(acct)
}

# Tier of an org: its environment's tier, else production orgs are production and sandbox or
# scratch orgs non-production.
org_tier(org) := tiers[org.environment]

org_tier(org) := "production" if {
	not tiers[org.environment]
	org.kind == "production"
}

org_tier(org) := "non-production" if {
	not tiers[org.environment]
	org.kind in {"sandbox", "scratch"}
}
