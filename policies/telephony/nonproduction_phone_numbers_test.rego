package scv.test.rules.telephony.nonproduction_phone_numbers

import data.scv.test.fixtures as fx
import data.scv.rules.telephony.nonproduction_phone_numbers as rule
import rego.v1

numbers(n) := [{"number": sprintf("+1555000%04d", [i]), "type": "DID", "arn": sprintf("arn:aws:connect:us-east-1:111111111111:phone-number/p%d", [i])} | some i in numbers.range(1, n)]

inv(environment, n) := fx.inventory([], [fx.account_with("111111111111", environment, [object.union(fx.instance("111111111111", "i-1", environment), {"phoneNumbers": numbers(n)})], [], [])])

test_one_number_in_dev_passes if {
	count(rule.deny) == 0 with input as inv("dev", 1)
}

test_many_numbers_in_production_pass if {
	count(rule.deny) == 0 with input as inv("prod", 5)
}

test_numbers_beyond_allowance_fire if {
	findings := rule.deny with input as inv("uat", 3)
	count(findings) == 1
	some f in findings
	f.resource == {"type": "connect-instance", "id": "arn:aws:connect:us-east-1:111111111111:instance/i-1", "environment": "uat"}
	count(f.related) == 3
	fx.mentions(f.msg, "has claimed 3 phone numbers (allowance 1)")
	fx.mentions(f.msg, "Dev and test should use dummy numbers")
}

test_allowance_from_config if {
	count(rule.deny) == 0 with input as inv("uat", 3) with data.config as {"nonProductionPhoneNumberAllowance": 3}
}

test_unknown_environment_no_guess if {
	count(rule.deny) == 0 with input as inv(null, 3)
}
