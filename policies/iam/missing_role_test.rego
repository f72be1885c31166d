package scv.test.rules.iam.missing_role

import data.scv.test.fixtures as fx
import data.scv.rules.iam.missing_role as rule
import rego.v1

account := fx.account_with("111111111111", "prod", [], fx.scv_roles("111111111111", "x"), [])

org(cc) := fx.org("00DP00000000001AAA", "production", "prod", null, [cc])

test_complete_roles_pass if {
	count(rule.deny) == 0 with input as fx.inventory([org(fx.cc("0ZgP1", "111111111111", "i-p"))], [account])
}

test_empty_optional_role_slots_pass if {
	no_management := object.union(fx.cc("0ZgP1", "111111111111", "i-p"), {"roles": {"connectManagement": null, "updateCredential": null}})
	count(rule.deny) == 0 with input as fx.inventory([org(no_management)], [account])
	xml := object.union(fx.cc("0ZgP1", "111111111111", "i-p"), {"provisioning": "xml-import", "roles": {"updateCredential": null, "provisioning": null}})
	count(rule.deny) == 0 with input as fx.inventory([org(xml)], [account])
}

test_referenced_role_absent_from_account_fires if {
	cc := object.union(fx.cc("0ZgP1", "111111111111", "i-p"), {"roles": {"s3": "arn:aws:iam::111111111111:role/Gone"}})
	findings := rule.deny with input as fx.inventory([org(cc)], [account])
	some f in findings
	fx.mentions(f.msg, "its s3 role arn:aws:iam::111111111111:role/Gone does not exist in account 111111111111")
	fx.mentions(f.msg, "Create the role in the org's AWS account")
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
