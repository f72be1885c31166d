package scv.test.rules.iam.missing_role

import data.scv.test.fixtures as fx
import data.scv.rules.iam.missing_role as rule
import rego.v1

account := fx.account_with("111111111111", "prod", [], fx.scv_roles("111111111111", "x"), [])

org(cc) := fx.org("00DP00000000001AAA", "production", "prod", null, [cc])

test_complete_roles_pass if {
	count(rule.deny) == 0 with input as fx.inventory([org(fx.cc("0ZgP1", "111111111111", "i-p"))], [account])
}

test_missing_role_fires if {
	cc := object.union(fx.cc("0ZgP1", "111111111111", "i-p"), {"roles": {"instanceRecording": null}})
	findings := rule.deny with input as fx.inventory([org(cc)], [account])
	count(findings) == 1
	some f in findings
	f.resource == {"type": "contact-center", "id": "0ZgP1", "environment": "prod"}
	fx.mentions(f.msg, "it has no instanceRecording role")
	fx.mentions(f.msg, "Create every role its contact center type needs")
}

test_xml_import_needs_update_credential if {
	cc := object.union(fx.cc("0ZgP1", "111111111111", "i-p"), {"provisioning": "xml-import"})
	findings := rule.deny with input as fx.inventory([org(cc)], [account])
	some f in findings
	fx.mentions(f.msg, "it has no updateCredential role")
	not fx.mentions(f.msg, "no provisioning role")
}

test_referenced_role_absent_from_account_fires if {
	cc := object.union(fx.cc("0ZgP1", "111111111111", "i-p"), {"roles": {"s3": "arn:aws:iam::111111111111:role/Gone"}})
	findings := rule.deny with input as fx.inventory([org(cc)], [account])
	some f in findings
	fx.mentions(f.msg, "its s3 role arn:aws:iam::111111111111:role/Gone does not exist in account 111111111111")
}

test_account_not_collected_no_guess if {
	cc := object.union(fx.cc("0ZgP1", "111111111111", "i-p"), {"roles": {"s3": "arn:aws:iam::111111111111:role/Gone"}})
	count(rule.deny) == 0 with input as fx.inventory([org(cc)], [])
}

test_account_with_collection_error_no_guess if {
	cc := object.union(fx.cc("0ZgP1", "111111111111", "i-p"), {"roles": {"s3": "arn:aws:iam::111111111111:role/Gone"}})
	inv := object.union(fx.inventory([org(cc)], [account]), {"collection": {"sources": [], "errors": [{"source": "aws", "target": "111111111111", "operation": "iam:ListRoles", "code": "AccessDenied", "message": "denied"}]}})
	count(rule.deny) == 0 with input as inv
}

test_amazon_connect_telephony_is_not_checked if {
	cc := object.union(fx.cc("0ZgP1", "111111111111", "i-p"), {"telephonyModel": "amazon-connect", "roles": {"provisioning": null, "s3": null}})
	count(rule.deny) == 0 with input as fx.inventory([org(cc)], [account])
}

test_unknown_provisioning_checks_existence_only if {
	cc := object.union(fx.cc("0ZgP1", "111111111111", "i-p"), {"provisioning": "unknown", "roles": {"provisioning": null}})
	count(rule.deny) == 0 with input as fx.inventory([org(cc)], [account])
}

test_account_known_only_from_files_no_guess if {
	planned_role := object.union(fx.role("111111111111", "PlannedRole", null), {"origin": {"file": "plan.json", "line": 12}})
	planned := fx.account_with("111111111111", "prod", [], [planned_role], [])
	cc := object.union(fx.cc("0ZgP1", "111111111111", "i-p"), {"roles": {"s3": "arn:aws:iam::111111111111:role/Gone"}})
	count(rule.deny) == 0 with input as fx.inventory([org(cc)], [planned])
}

test_live_account_with_planned_additions_is_checked if {
	planned_role := object.union(fx.role("111111111111", "PlannedRole", null), {"origin": {"file": "plan.json", "line": 12}})
	mixed := fx.account_with("111111111111", "prod", [], array.concat(fx.scv_roles("111111111111", "x"), [planned_role]), [])
	cc := object.union(fx.cc("0ZgP1", "111111111111", "i-p"), {"roles": {"s3": "arn:aws:iam::111111111111:role/Gone"}})
	fx.resource_ids(rule.deny) == {"0ZgP1"} with input as fx.inventory([org(cc)], [mixed])
}
