# Builders of small inventories for the policy tests (a test file: never evaluated in a scan).
package scv.test.fixtures

import rego.v1

environments := [
	{"name": "prod", "tier": "production"},
	{"name": "uat", "tier": "non-production"},
	{"name": "dev", "tier": "non-production"},
]

inventory(orgs, accounts) := {
	"schemaVersion": "1",
	"generatedAt": "2026-01-01T00:00:00Z",
	"environments": environments,
	"salesforce": {"orgs": orgs},
	"aws": {"accounts": accounts},
	"collection": {"sources": [], "errors": []},
}

org(id, kind, environment, account_key, ccs) := {
	"id": id,
	"name": sprintf("Org %s", [id]),
	"kind": kind,
	"environment": environment,
	"status": "active",
	"instanceUrl": null,
	"sandbox": null,
	"awsAccountKey": account_key,
	"contactCenters": ccs,
}

instance_arn(account, id) := sprintf("arn:aws:connect:us-east-1:%s:instance/%s", [account, id])

role_arn(account, name) := sprintf("arn:aws:iam::%s:role/%s", [account, name])

roles(account) := {
	"provisioning": role_arn(account, "SCVProvisioningRole"),
	"connectManagement": role_arn(account, "AmazonConnectManagementRole"),
	"updateCredential": null,
	"instanceRecording": role_arn(account, "InstanceRecordingRole"),
	"s3": role_arn(account, "SCVS3Role"),
}

cc(id, account, instance_id) := {
	"id": id,
	"internalName": sprintf("CC_%s", [id]),
	"displayName": id,
	"createdAt": "2025-01-01T00:00:00Z",
	"telephonyModel": "partner-telephony",
	"provisioning": "new-instance",
	"connect": {
		"instanceId": instance_id,
		"instanceArn": instance_arn(account, instance_id),
		"region": "us-east-1",
		"awsAccountId": account,
	},
	"roles": roles(account),
}

# A contact center whose call center names its instance only by alias (reqInstanceName), as
# Salesforce's import files do: no instance id or ARN, no region, role ARNs not filled in.
alias_cc(id, alias) := object.union(cc(id, "111111111111", "x"), {
	"connect": {"instanceId": null, "instanceArn": null, "region": null, "awsAccountId": null, "instanceAlias": alias},
	"roles": {"provisioning": null, "connectManagement": null, "updateCredential": null, "instanceRecording": null, "s3": null},
})

# An instance with its alias.
instance_aliased(account_id, id, environment, alias) := object.union(instance(account_id, id, environment), {"alias": alias})

logging_trail := {"name": "org-trail", "arn": "arn:aws:cloudtrail:us-east-1:999999999999:trail/org-trail", "multiRegion": true, "organization": true, "logging": true}

account(id, environment) := {
	"id": id,
	"name": sprintf("acct-%s", [id]),
	"environment": environment,
	"state": "ACTIVE",
	"tags": {},
	"connectInstances": [],
	"iamRoles": [],
	"s3Buckets": [],
	"kinesisStreams": [],
	"cloudTrail": {"trails": [logging_trail]},
}

account_with(id, environment, instances, roles_, buckets) := object.union(account(id, environment), {
	"connectInstances": instances,
	"iamRoles": roles_,
	"s3Buckets": buckets,
})

instance(account_id, id, environment) := {
	"id": id,
	"arn": instance_arn(account_id, id),
	"alias": id,
	"region": "us-east-1",
	"status": "ACTIVE",
	"createdAt": "2025-01-01T00:00:00Z",
	"environment": environment,
	"tags": {},
	"storage": [],
	"attributes": {"CONTACTFLOW_LOGS": true},
	"flows": [],
	"lambdaFunctions": [],
	"phoneNumbers": [],
	"integrations": [],
}

# The placeholder instance pre-deploy files land in when none of them names their instance, in an
# account not known (`known: false`, empty account in its ARN), as the file readers build it.
placeholder_account(environment, instances) := object.union(account_with("000000000000", environment, instances, [], []), {"known": false})

placeholder_instance(environment) := object.union(instance("", sprintf("flow-export-%s", [environment]), environment), {
	"arn": sprintf("arn:aws:connect:us-east-1::instance/flow-export-%s", [environment]),
	"known": false,
	"attributes": {},
})

# A message that names no placeholder as a fact: not the stand-in instance, account or `unknown`.
names_no_placeholder(msg) if {
	not contains(msg, "flow-export-")
	not contains(msg, "000000000000")
	not contains(lower(msg), "unknown")
	not contains(msg, "::instance/")
}

s3_storage(resource_type, bucket) := {"resourceType": resource_type, "storageType": "S3", "s3": {"bucket": bucket, "prefix": "connect", "kmsKeyId": null}, "streamArn": null}

stream_storage(resource_type, stream_arn) := {"resourceType": resource_type, "storageType": "KINESIS_STREAM", "s3": null, "streamArn": stream_arn}

bucket(name, environment) := {
	"name": name,
	"arn": sprintf("arn:aws:s3:::%s", [name]),
	"region": "us-east-1",
	"environment": environment,
	"tags": {},
	"policy": null,
	"publicAccessBlock": {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true},
	"encryption": {"algorithm": "aws:kms", "kmsKeyId": "arn:aws:kms:us-east-1:111111111111:key/k"},
	"versioning": "Enabled",
}

# A trust policy letting `principal` assume the role, with `condition` (an object, {} for none).
trust(principal, condition) := {"Version": "2012-10-17", "Statement": [{
	"Effect": "Allow",
	"Principal": {"AWS": principal},
	"Action": "sts:AssumeRole",
	"Condition": condition,
}]}

external_id(id) := {"StringEquals": {"sts:ExternalId": id}}

role(account_id, name, trust_policy) := {
	"arn": role_arn(account_id, name),
	"name": name,
	"path": "/",
	"tags": {},
	"trustPolicy": trust_policy,
}

salesforce_principal := "arn:aws:iam::793525387755:root"

# The four SCV roles of fixtures.cc, trusting Salesforce with external id `id`.
scv_roles(account_id, id) := [role(account_id, name, trust(salesforce_principal, external_id(id))) |
	some name in ["SCVProvisioningRole", "AmazonConnectManagementRole", "InstanceRecordingRole", "SCVS3Role"]
]

resource_ids(findings) := {f.resource.id | some f in findings}

# `text` occurs in `msg`.
mentions(msg, text) if indexof(msg, text) >= 0
