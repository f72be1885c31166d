package scv.test.rules.telephony.nonproduction_toll_free

import data.scv.rules.telephony.nonproduction_toll_free as rule
import data.scv.test.fixtures as fx
import rego.v1

numbers := [
	{"number": "+18005550100", "type": "TOLL_FREE", "arn": "arn:aws:connect:us-east-1:111111111111:phone-number/tf"},
	{"number": "+12065550101", "type": "DID", "arn": null},
]

inv(environment, phone_numbers) := fx.inventory([], [fx.account_with("111111111111", environment, [object.union(fx.instance("111111111111", "i-1", environment), {"phoneNumbers": phone_numbers})], [], [])])

test_toll_free_in_uat_fires if {
	findings := rule.deny with input as inv("uat", numbers)
	count(findings) == 1
	some f in findings
	f.resource.id == fx.instance_arn("111111111111", "i-1")
	f.related == [{"type": "phone-number", "id": "arn:aws:connect:us-east-1:111111111111:phone-number/tf"}]
	fx.mentions(f.msg, "holds 1 toll-free number(s): +18005550100")
}

test_toll_free_in_production_passes if {
	count(rule.deny) == 0 with input as inv("prod", numbers)
}

test_direct_dial_in_dev_passes if {
	count(rule.deny) == 0 with input as inv("dev", [numbers[1]])
}

test_unknown_environment_no_guess if {
	count(rule.deny) == 0 with input as inv(null, numbers)
}
