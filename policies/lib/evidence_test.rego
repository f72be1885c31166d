package scv.test.lib.evidence

import data.scv.lib.evidence
import data.scv.test.fixtures as fx
import rego.v1

stack(parameters) := {"id": "s", "name": "s", "region": "us-east-1", "status": "CREATE_COMPLETE", "tags": {}, "outputs": {}, "parameters": parameters}

test_scv_stacks_recognised_by_their_parameters if {
	evidence.is_scv_stack(stack({"SalesforceOrgId": "00D5g000004AbCdEAK"}))
	evidence.is_scv_stack(stack({"CallCenterApiName": "Acme", "ConnectInstanceId": "i-1"}))
	not evidence.is_scv_stack(stack({"CallCenterApiName": "Acme"}))
	not evidence.is_scv_stack(stack({"InstanceType": "SOURCE", "BucketName": "b"}))
}

test_org_keys_join_15_and_18_character_ids if {
	evidence.org_key("00D5g000004AbCdEAK") == evidence.org_key("00D5g000004AbCd")
	not evidence.org_key("001000000000001AAA")
	not evidence.org_key("00D5g")
}

test_saml_provider_names_its_org if {
	evidence.saml_provider_org("SalesforceServiceVoiceIdp_00D5g000004AbCdEAK") == "00D5g000004AbCdEAK"
	not evidence.saml_provider_org("OktaIdp")
}

test_unqualified_function_arn if {
	evidence.unqualified("arn:aws:lambda:us-east-1:111111111111:function:f:PROD") == "arn:aws:lambda:us-east-1:111111111111:function:f"
	evidence.unqualified("arn:aws:lambda:us-east-1:111111111111:function:f") == "arn:aws:lambda:us-east-1:111111111111:function:f"
}

test_org_tier_from_scanned_org_else_stack_declaration if {
	declared := object.union(fx.account("111111111111", "prod"), {"cloudFormationStacks": [stack({"SalesforceOrgId": "00D7z000000UaTaEAK", "EnvironmentType": "SANDBOX"})]})
	evidence.org_tier_by_key("00D7z000000UaTa") == "non-production" with input as fx.inventory([], [declared])
	scanned := fx.org("00D7z000000UaTaEAK", "production", "prod", null, [])
	evidence.org_tier_by_key("00D7z000000UaTa") == "production" with input as fx.inventory([scanned], [declared])
	not evidence.org_tier_by_key("00D7z000000UaTa") with input as fx.inventory([], [])
}

test_sections_not_collected_hold_no_evidence if {
	count(evidence.org_evidence) == 0 with input as fx.inventory([], [fx.account("111111111111", "prod")])
}

test_ambiguous_org_keys_are_left_out if {
	a := fx.org("00D000000000000001", "production", "prod", null, [])
	b := fx.org("00D000000000000002", "sandbox", "uat", null, [])
	not evidence.orgs_by_key["00D000000000000"] with input as fx.inventory([a, b], [])
	evidence.orgs_by_key["00D000000000000"].id == a.id with input as fx.inventory([a], [])
}
