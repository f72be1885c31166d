package scv.test.lib.env

import data.scv.lib.env
import rego.v1

envs := [{"name": "prod", "tier": "production"}, {"name": "dev", "tier": "non-production"}]

test_explicit_environment_first if {
	env.resource_environment({"environment": "prod"}, {"environment": "dev", "tags": {"Environment": "prod"}}) == "dev"
}

test_tag_then_account if {
	env.resource_environment({"environment": "prod"}, {"environment": null, "tags": {"Environment": "dev"}}) == "dev"
	env.resource_environment({"environment": "prod"}, {"environment": null, "tags": {}}) == "prod"
}

test_tag_key_from_config if {
	env.resource_environment({"environment": null}, {"environment": null, "tags": {"stage": "dev", "Environment": "prod"}}) == "dev" with data.config as {"environmentTagKey": "stage"}
}

test_unknown_stays_undefined if {
	not env.resource_environment({"environment": null, "tags": {}}, {"environment": null, "tags": {}})
}

test_org_tier_from_environment if {
	env.org_tier({"environment": "dev", "kind": "production"}) == "non-production" with input as {"environments": envs}
}

test_org_tier_from_kind if {
	env.org_tier({"environment": null, "kind": "production"}) == "production" with input as {"environments": envs}
	env.org_tier({"environment": "unknown-env", "kind": "sandbox"}) == "non-production" with input as {"environments": envs}
	env.org_tier({"environment": null, "kind": "scratch"}) == "non-production" with input as {"environments": envs}
}
