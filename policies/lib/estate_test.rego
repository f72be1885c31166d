package scv.test.lib.estate

import data.scv.lib.estate
import data.scv.test.fixtures as fx
import rego.v1

prod_org := fx.org("00D000000000001AAA", "production", "prod", "111111111111", [fx.cc("0Zg01", "111111111111", "i-prod")])

uat_org := fx.org("00D000000000002AAA", "sandbox", "uat", null, [fx.cc("0Zg02", "222222222222", "i-uat")])

test_org_accounts_from_contact_centers_and_account_key if {
	estate.org_accounts == {"00D000000000001AAA": {"111111111111"}, "00D000000000002AAA": {"222222222222"}} with input as fx.inventory([prod_org, uat_org], [])
}

test_role_accounts_count_as_links if {
	cc := object.union(fx.cc("0Zg03", "222222222222", "i-uat"), {"roles": {"s3": "arn:aws:iam::333333333333:role/SCVS3Role"}})
	estate.cc_account_ids(cc) == {"222222222222", "333333333333"} with input as fx.inventory([], [])
}

test_deleted_orgs_are_not_linked if {
	deleted := object.union(uat_org, {"status": "deleted"})
	inv := fx.inventory([prod_org, deleted], [])
	not estate.orgs_by_account["222222222222"] with input as inv
	estate.deleted_orgs_by_account["222222222222"] == {"00D000000000002AAA"} with input as inv
}

test_instance_arn_from_id_when_arn_missing if {
	cc := object.union(fx.cc("0Zg04", "111111111111", "i-prod"), {"connect": {"instanceArn": null, "instanceId": "i-prod", "region": null, "awsAccountId": null}})
	inv := fx.inventory([], [fx.account_with("111111111111", "prod", [fx.instance("111111111111", "i-prod", "prod")], [], [])])
	estate.cc_instance_arn(cc) == fx.instance_arn("111111111111", "i-prod") with input as inv
}

test_instance_arn_built_from_parts if {
	cc := object.union(fx.cc("0Zg05", "111111111111", "i-x"), {"connect": {"instanceArn": null}})
	estate.cc_instance_arn(cc) == "arn:aws:connect:us-east-1:111111111111:instance/i-x" with input as fx.inventory([], [])
}

test_instance_environment_inherits_account if {
	inst := object.union(fx.instance("111111111111", "i-prod", null), {"tags": {}})
	inv := fx.inventory([], [fx.account_with("111111111111", "prod", [inst], [], [])])
	estate.instance_environments[inst.arn] == "prod" with input as inv
}

test_storage_targets_and_reverse_maps if {
	inst := object.union(fx.instance("111111111111", "i-prod", "prod"), {"storage": [
		fx.s3_storage("CALL_RECORDINGS", "rec"),
		fx.stream_storage("CONTACT_TRACE_RECORDS", "arn:aws:kinesis:us-east-1:111111111111:stream/ctr"),
		fx.s3_storage("SCHEDULED_REPORTS", "reports"),
	]})
	inv := fx.inventory([], [fx.account_with("111111111111", "prod", [inst], [], [])])
	estate.instances_by_bucket["arn:aws:s3:::rec"] == {inst.arn} with input as inv
	estate.instances_by_stream["arn:aws:kinesis:us-east-1:111111111111:stream/ctr"] == {inst.arn} with input as inv
	estate.recording_bucket_arns == {"arn:aws:s3:::rec"} with input as inv
}

test_scv_role_by_reference_name_or_trust if {
	inv := fx.inventory([prod_org], [])
	estate.is_scv_role({"arn": "arn:aws:iam::111111111111:role/SCVS3Role", "name": "custom", "trustPolicy": null}) with input as inv
	not estate.is_scv_role({"arn": "arn:aws:iam::111111111111:role/x", "name": "SCVAnything", "trustPolicy": null}) with input as inv
	estate.is_scv_role(fx.role("111111111111", "SCVAnything", fx.trust("444444444444", {}))) with input as inv
	not estate.is_scv_role(fx.role("111111111111", "SCVAnything", fx.trust("444444444444", {}))) with input as fx.inventory([prod_org], [fx.account("444444444444", "tooling")])
	estate.is_scv_role(fx.role("111111111111", "Bridge", fx.trust(fx.salesforce_principal, {}))) with input as inv
	not estate.is_scv_role(fx.role("111111111111", "Lambda", fx.trust("111111111111", {}))) with input as inv
}

test_ref_leaves_out_unknown_environment if {
	estate.ref("aws-account", "1", null) == {"type": "aws-account", "id": "1"}
	estate.ref("aws-account", "1", "prod") == {"type": "aws-account", "id": "1", "environment": "prod"}
}

test_account_known if {
	inv := fx.inventory([], [object.union(fx.account("000000000000", null), {"known": false}), fx.account("111111111111", "prod")])
	estate.account_known("111111111111") with input as inv
	estate.account_known("222222222222") with input as inv
	not estate.account_known("000000000000") with input as inv
	not estate.account_known("") with input as inv
	not estate.account_known(null) with input as inv
}

test_instance_known if {
	estate.instance_known(fx.instance("111111111111", "i-1", "prod")) with input as fx.inventory([], [])
	not estate.instance_known(object.union(fx.instance("111111111111", "flow-export-prod", "prod"), {"known": false})) with input as fx.inventory([], [])
	not estate.instance_known(object.union(fx.instance("111111111111", "i-1", "prod"), {"arn": "arn:aws:connect:us-east-1::instance/i-1"})) with input as fx.inventory([], [])
}

# ------------------------------------------------------------------ contact centers known by alias

alias_org(environment, ccs) := fx.org("00D000000000009AAA", "production", environment, null, ccs)

prod_accounts(instances_111, instances_333) := [
	fx.account_with("111111111111", "prod", instances_111, [], []),
	fx.account_with("222222222222", "uat", [fx.instance_aliased("222222222222", "i-uat", "uat", "acme-scv")], [], []),
	fx.account_with("333333333333", "prod", instances_333, [], []),
]

test_alias_resolves_to_the_one_instance_of_the_orgs_environment if {
	cc := fx.alias_cc("0Zg09", "acme-scv")
	inv := fx.inventory([alias_org("prod", [cc])], prod_accounts([fx.instance_aliased("111111111111", "i-prod", "prod", "acme-scv")], []))
	# The uat account's instance of the same alias is not in the prod org's accounts.
	estate.cc_instance_arn(cc) == fx.instance_arn("111111111111", "i-prod") with input as inv
	count(estate.unresolved_aliases) == 0 with input as inv
	estate.ccs_by_instance == {fx.instance_arn("111111111111", "i-prod"): {{"org": "00D000000000009AAA", "cc": "0Zg09"}}} with input as inv
}

test_alias_in_two_accounts_of_the_environment_is_not_resolved if {
	cc := fx.alias_cc("0Zg09", "acme-scv")
	inv := fx.inventory([alias_org("prod", [cc])], prod_accounts(
		[fx.instance_aliased("111111111111", "i-prod", "prod", "acme-scv")],
		[fx.instance_aliased("333333333333", "i-prod-2", "prod", "acme-scv")],
	))
	not estate.cc_instance_arn(cc) with input as inv
	reasons := {u.reason | some u in estate.unresolved_aliases} with input as inv
	reasons == {"contact center CC_0Zg09 (0Zg09) of org Org 00D000000000009AAA (00D000000000009AAA) names its Amazon Connect instance only by alias acme-scv, and 2 instances in the accounts of environment prod (111111111111, 333333333333) have that alias (arn:aws:connect:us-east-1:111111111111:instance/i-prod, arn:aws:connect:us-east-1:333333333333:instance/i-prod-2)"}
}

test_alias_without_known_accounts_is_not_resolved if {
	cc := fx.alias_cc("0Zg09", "acme-scv")
	inv := fx.inventory([alias_org(null, [cc])], prod_accounts([fx.instance_aliased("111111111111", "i-prod", "prod", "acme-scv")], []))
	not estate.cc_instance_arn(cc) with input as inv
	some u in estate.unresolved_aliases with input as inv
	fx.mentions(u.reason, "no AWS account is known for it (its call center names none, and the config maps no account to its org, whose environment is not known)")
}

test_alias_matching_no_instance_is_not_resolved if {
	cc := fx.alias_cc("0Zg09", "acme-gone")
	inv := fx.inventory([alias_org("prod", [cc])], prod_accounts([fx.instance_aliased("111111111111", "i-prod", "prod", "acme-scv")], []))
	some u in estate.unresolved_aliases with input as inv
	fx.mentions(u.reason, "no instance in the accounts of environment prod (111111111111, 333333333333) has that alias")
}

test_alias_searched_in_the_account_the_call_center_names if {
	cc := object.union(fx.alias_cc("0Zg09", "acme-scv"), {"connect": {"awsAccountId": "222222222222"}})
	inv := fx.inventory([alias_org("prod", [cc])], prod_accounts([fx.instance_aliased("111111111111", "i-prod", "prod", "acme-scv")], []))
	estate.cc_instance_arn(cc) == fx.instance_arn("222222222222", "i-uat") with input as inv
}

test_alias_region_must_match_when_named if {
	cc := object.union(fx.alias_cc("0Zg09", "acme-scv"), {"connect": {"region": "eu-west-2"}})
	inv := fx.inventory([alias_org("prod", [cc])], prod_accounts([fx.instance_aliased("111111111111", "i-prod", "prod", "acme-scv")], []))
	not estate.cc_instance_arn(cc) with input as inv
}

test_placeholder_instance_never_matches_an_alias if {
	cc := fx.alias_cc("0Zg09", "acme-scv")
	placeholder := object.union(fx.instance_aliased("111111111111", "flow-export-prod", "prod", "acme-scv"), {"known": false})
	inv := fx.inventory([alias_org("prod", [cc])], prod_accounts([placeholder], []))
	not estate.cc_instance_arn(cc) with input as inv
}

test_alias_in_an_account_not_scanned_says_so if {
	cc := object.union(fx.alias_cc("0Zg09", "acme-scv"), {"connect": {"awsAccountId": "444444444444"}})
	inv := fx.inventory([alias_org("prod", [cc])], prod_accounts([fx.instance_aliased("111111111111", "i-prod", "prod", "acme-scv")], []))
	not estate.cc_instance_arn(cc) with input as inv
	some u in estate.unresolved_aliases with input as inv
	fx.mentions(u.reason, "names its Amazon Connect instance only by alias acme-scv, in account 444444444444, which this scan does not hold")
}
