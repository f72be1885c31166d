# METADATA
# title: Production and non-production orgs share AWS resources
# description: |
#   An org in a production environment and an org in a non-production environment share an AWS
#   account, an Amazon Connect instance, an S3 bucket or a Kinesis stream. Fires once per active
#   non-production org, naming every production org and shared resource. The tier of an org comes
#   from its environment, else from its kind (production orgs are production, sandboxes are not).
#   A contact center known only by an alias that names no single instance makes the rule say it
#   cannot know what that org shares, when the scan holds an active org of the other tier.
# related_resources:
#   - ref: https://help.salesforce.com/apex/HTViewHelpDoc?id=service.voice_sandbox_guidelines.htm
#     description: Sandbox Org Guidelines for Service Cloud Voice and Amazon Connect
#   - ref: https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-instances.html
#     description: Separate Amazon Connect instances, buckets and streams per environment (dev/test/prod guidance)
# custom:
#   id: SCV-ACCT-004
#   severity: high
#   inputs: [salesforce.orgs, salesforce.contactCenters, aws.connectInstances, aws.connectInstances.storage]
#   remediation: |
#     Isolate the environments: give the non-production org its own AWS account, Amazon Connect
#     instance, recording buckets and Kinesis streams, so that dev and test can never reach
#     production data.
#   tags: [accounts, isolation, environments]
package scv.rules.accounts.production_nonproduction_shared

import data.scv.lib.estate
import rego.v1

# org id -> AWS resources it uses: {type, id}
org_resources[org_id] contains {"type": "aws-account", "id": account_id} if {
	some org_id, ids in estate.org_accounts
	some account_id in ids
}

org_resources[org_id] contains {"type": "connect-instance", "id": instance_arn} if {
	some entry in estate.contact_centers
	org_id := entry.org.id
	instance_arn := estate.cc_instance_arn(entry.cc)
}

org_resources[org_id] contains {"type": "s3-bucket", "id": target.bucket} if {
	some entry in estate.contact_centers
	org_id := entry.org.id
	instance_arn := estate.cc_instance_arn(entry.cc)
	some target in targets_by_instance[instance_arn]
	target.bucket
}

org_resources[org_id] contains {"type": "kinesis-stream", "id": target.stream} if {
	some entry in estate.contact_centers
	org_id := entry.org.id
	instance_arn := estate.cc_instance_arn(entry.cc)
	some target in targets_by_instance[instance_arn]
	target.stream
}

targets_by_instance[instance_arn] contains t if {
	some t in estate.storage_targets
	instance_arn := t.instance
}

production_orgs_by_resource[resource_id] contains org_id if {
	some org_id, resources in org_resources
	estate.org_tiers[org_id] == "production"
	some res in resources
	resource_id := res.id
}

deny contains finding if {
	some org in estate.active_orgs
	estate.org_tiers[org.id] == "non-production"
	pairs := {[res, prod_id] |
		some res in org_resources[org.id]
		some prod_id in production_orgs_by_resource[res.id]
	}
	count(pairs) > 0
	shared := {pair[0] | some pair in pairs}
	prods := {pair[1] | some pair in pairs}
	finding := {
		"msg": sprintf(
			"Non-production org %s shares %s with production org %s. Separate the environments: give the non-production org its own AWS account, Amazon Connect instance, buckets and streams.",
			[estate.org_label(org), concat(", ", sort([sprintf("%s %s", [r.type, r.id]) | some r in shared])), concat(", ", sort([estate.org_label_by_id(id) | some id in prods]))],
		),
		"resource": estate.org_ref(org),
		"related": array.concat(
			[estate.org_ref(estate.orgs_by_id[id]) | some id in sort(prods)],
			[related_ref(r) | some r in sort(shared)],
		),
	}
}

related_ref(r) := estate.account_ref(r.id) if r.type == "aws-account"

related_ref(r) := estate.instance_ref(r.id) if r.type == "connect-instance"

related_ref(r) := estate.bucket_ref(r.id) if r.type == "s3-bucket"

related_ref(r) := estate.ref("kinesis-stream", r.id, null) if r.type == "kinesis-stream"

# A contact center whose instance is known only by an alias that names no single instance: whether
# its org shares that instance, or its buckets and streams, with an org of the other tier cannot be
# known (only asked when the scan holds an active org of the other tier).
incomplete contains sprintf("%s: whether it shares that instance, its buckets or its streams with an org of the other tier cannot be known.", [u.reason]) if {
	some u in estate.unresolved_aliases
	u.active
	tier := estate.org_tiers[u.org]
	some other in estate.active_orgs
	other.id != u.org
	estate.org_tiers[other.id] != tier
}
