package scv.test.lib.multi_org

import data.scv.lib.multi_org
import rego.v1

groups := {"multiOrg": [{"orgs": ["00DA00000000001", "00DB00000000001AAA"], "accounts": ["111111111111"], "instances": ["arn:aws:connect:us-east-1:222222222222:instance/i-shared"]}]}

test_covers_account_when_every_org_is_declared if {
	multi_org.covers_account({"00DA00000000001AAA", "00DB00000000001AAA"}, "111111111111") with data.config as groups
	not multi_org.covers_account({"00DA00000000001AAA", "00DC00000000001AAA"}, "111111111111") with data.config as groups
	not multi_org.covers_account({"00DA00000000001AAA", "00DB00000000001AAA"}, "333333333333") with data.config as groups
	not multi_org.covers_account({"00DA00000000001AAA", "00DB00000000001AAA"}, "111111111111")
}

test_covers_instance_by_arn_or_account if {
	orgs := {"00DA00000000001AAA", "00DB00000000001AAA"}
	multi_org.covers_instance(orgs, "arn:aws:connect:us-east-1:222222222222:instance/i-shared") with data.config as groups
	multi_org.covers_instance(orgs, "arn:aws:connect:us-east-1:111111111111:instance/i-any") with data.config as groups
	not multi_org.covers_instance(orgs, "arn:aws:connect:us-east-1:222222222222:instance/i-other") with data.config as groups
	multi_org.covers_role(orgs, "arn:aws:iam::111111111111:role/SCVS3Role") with data.config as groups
}
