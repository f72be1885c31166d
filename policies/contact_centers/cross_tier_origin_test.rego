package scv.test.rules.contact_centers.cross_tier_origin

import data.scv.rules.contact_centers.cross_tier_origin as rule
import data.scv.test.fixtures as fx
import rego.v1

prod_org := object.union(fx.org("00D000000000001EAA", "production", "prod", null, []), {"instanceUrl": "https://acme.my.salesforce.com"})

inv(environment, origins, integrations) := fx.inventory([prod_org], [fx.account_with(
	"111111111111", environment,
	[object.union(fx.instance("111111111111", "i-1", environment), {"approvedOrigins": origins, "integrations": integrations})],
	[], [],
)])

test_uat_instance_with_production_origin_fires if {
	findings := rule.deny with input as inv("uat", ["https://acme.lightning.force.com", "https://acme--uat.sandbox.lightning.force.com"], [])
	count(findings) == 1
	some f in findings
	f.resource.id == fx.instance_arn("111111111111", "i-1")
	f.related == [{"type": "salesforce-org", "id": "00D000000000001EAA", "environment": "prod"}]
	fx.mentions(f.msg, "approved origin https://acme.lightning.force.com names a production org")
	not fx.mentions(f.msg, "acme--uat")
}

test_integration_url_counts if {
	integration := {"type": "APPLICATION", "sourceType": null, "arn": "arn:aws:app-integrations:us-east-1:111111111111:application/a", "sourceApplicationUrl": "https://acme.my.salesforce.com"}
	count(rule.deny) == 1 with input as inv("dev", [], [integration])
}

test_production_instance_with_sandbox_origin_fires if {
	findings := rule.deny with input as inv("prod", ["https://acme--uat.sandbox.my.salesforce.com"], [])
	some f in findings
	fx.mentions(f.msg, "names a non-production org")
}

test_matching_tiers_pass if {
	count(rule.deny) == 0 with input as inv("uat", ["https://acme--uat.sandbox.lightning.force.com"], [])
	count(rule.deny) == 0 with input as inv("prod", ["https://acme.my.salesforce.com", "https://acme.lightning.force.com"], [])
}

test_non_salesforce_origins_and_unknown_environment_left_out if {
	count(rule.deny) == 0 with input as inv("uat", ["https://intranet.example.com"], [])
	count(rule.deny) == 0 with input as inv(null, ["https://acme.my.salesforce.com"], [])
}

test_not_collected_origins_stay_silent if {
	count(rule.deny) == 0 with input as fx.inventory([prod_org], [fx.account_with("111111111111", "uat", [fx.instance("111111111111", "i-1", "uat")], [], [])])
}

test_orgs_sharing_a_domain_do_not_break_the_rule if {
	other := object.union(fx.org("00D000000000002EAA", "sandbox", "uat", null, []), {"instanceUrl": "https://acme.my.salesforce.com"})
	inventory := fx.inventory([prod_org, other], [fx.account_with("111111111111", "uat", [object.union(fx.instance("111111111111", "i-1", "uat"), {"approvedOrigins": ["https://acme.lightning.force.com"]})], [], [])])
	count(rule.deny) == 0 with input as inventory
}

# Approved origins of a template whose instance is a parameter land in the placeholder instance: its
# environment (--environment) is compared, its stand-in id is never named.
test_placeholder_instance_compared_by_environment_only if {
	placeholder := object.union(fx.placeholder_instance("uat"), {"approvedOrigins": ["https://acme.lightning.force.com"]})
	findings := rule.deny with input as fx.inventory([prod_org], [fx.placeholder_account("uat", [placeholder])])
	count(findings) == 1
	some f in findings
	fx.mentions(f.msg, "Non-production Amazon Connect instance the scanned files deploy to in uat (not known before deployment) is wired to a Salesforce org of another tier")
	fx.names_no_placeholder(f.msg)
	count(rule.deny) == 0 with input as fx.inventory([prod_org], [fx.placeholder_account("prod", [object.union(fx.placeholder_instance("prod"), {"approvedOrigins": ["https://acme.lightning.force.com"]})])])
}
