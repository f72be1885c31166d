package scv.test.lib.arn

import data.scv.lib.arn
import rego.v1

test_account_of_role_arn if arn.account("arn:aws:iam::111111111111:role/SCVS3Role") == "111111111111"

test_bucket_arn_has_no_account if not arn.account("arn:aws:s3:::recordings")

test_not_an_arn if not arn.parts("recordings")

test_account_or_empty if {
	arn.account_or_empty("arn:aws:s3:::recordings") == ""
	arn.account_or_empty("arn:aws:kinesis:us-east-1:222222222222:stream/ctr") == "222222222222"
}

test_principal_account_forms if {
	arn.principal_account("111111111111") == "111111111111"
	arn.principal_account("arn:aws:iam::793525387755:root") == "793525387755"
	arn.principal_account("arn:aws-us-gov:iam::222222222222:role/x") == "222222222222"
	not arn.principal_account("*")
}

test_resource_keeps_colons if arn.resource("arn:aws:lambda:us-east-1:111111111111:function:crm:PROD") == "function:crm:PROD"

test_connect_instance_id if {
	arn.connect_instance_id("arn:aws:connect:us-east-1:111111111111:instance/abc") == "abc"
	arn.connect_instance_id("arn:aws:connect:us-east-1:111111111111:instance/abc/queue/q1") == "abc"
	not arn.connect_instance_id("arn:aws:lex:us-east-1:111111111111:bot-alias/b/a")
}

test_lambda_name_and_qualifier if {
	arn.lambda_function_name("arn:aws:lambda:us-east-1:111111111111:function:crm-lookup:DEV") == "crm-lookup"
	arn.lambda_qualifier("arn:aws:lambda:us-east-1:111111111111:function:crm-lookup:DEV") == "DEV"
	arn.lambda_qualifier_or_empty("arn:aws:lambda:us-east-1:111111111111:function:crm-lookup") == ""
}

test_is_account_id if {
	arn.is_account_id("123456789012")
	not arn.is_account_id("12345678901")
	not arn.is_account_id(123456789012)
	not arn.is_account_id(null)
}

test_s3_bucket_arn if arn.s3_bucket_arn("rec") == "arn:aws:s3:::rec"
