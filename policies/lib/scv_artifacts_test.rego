package scv.test.lib.scv_artifacts

import data.scv.lib.scv_artifacts as artifacts
import data.scv.test.fixtures as fx
import rego.v1

instance := fx.instance("111111111111", "i-1", "prod")

stack(parameters) := {"id": "arn:aws:cloudformation:us-east-1:111111111111:stack/scv/x", "name": "scv", "region": "us-east-1", "status": "CREATE_COMPLETE", "parameters": parameters, "tags": {}, "outputs": {}}

test_scv_stacks_by_parameters if {
	acct := object.union(fx.account("111111111111", "prod"), {"cloudFormationStacks": [stack({"ConnectInstanceId": "i-1"}), stack({"BucketName": "x"}), object.union(stack({"SalesforceOrgId": "00D"}), {"origin": {"file": "t.yaml", "line": 1}})]})
	count(artifacts.scv_stacks(acct)) == 1
	count(artifacts.scv_stacks(fx.account("111111111111", "prod"))) == 0
}

test_stack_names_instance if {
	artifacts.stack_names_instance(stack({"ConnectInstanceId": "i-1"}), instance)
	artifacts.stack_names_instance(object.union(stack({"CallCenterApiName": "cc"}), {"outputs": {"InstanceArn": instance.arn}}), instance)
	not artifacts.stack_names_instance(stack({"ConnectInstanceId": "i-2"}), instance)
}

test_saml_provider_org if {
	acct := object.union(fx.account("111111111111", "prod"), {"samlProviders": [{"arn": "arn:aws:iam::111111111111:saml-provider/SalesforceServiceVoiceIdp_00D5g000004AbCd", "name": "SalesforceServiceVoiceIdp_00D5g000004AbCd"}, {"arn": "x", "name": "Okta"}]})
	[p] := artifacts.scv_saml_providers(acct)
	artifacts.saml_org_key(p) == "00D5g000004AbCd"
	artifacts.org_key("00D5g000004AbCdEAK") == "00D5g000004AbCd"
}

test_failed_orgs if {
	errors := [{"source": "salesforce", "target": "uat/00D7z000000UaTaEAC", "operation": "x", "code": "y", "message": "z"}]
	inv := json.patch(fx.inventory([], []), [{"op": "replace", "path": "/collection/errors", "value": errors}])
	artifacts.failed_org_keys == {"00D7z000000UaTa"} with input as inv
	not artifacts.unidentified_org_failure with input as inv
	artifacts.unidentified_org_failure with input as json.patch(inv, [{"op": "add", "path": "/collection/errors/-", "value": object.union(errors[0], {"target": "dev"})}])
}
