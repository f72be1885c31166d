# METADATA
# title: Recording bucket ACL grants others, or ACLs are not disabled
# description: |
#   Recordings and transcripts of customer contacts are reachable only by the account that owns
#   them. Fires once per S3 bucket that stores recordings or transcripts of an Amazon Connect
#   instance when its ACL grants anyone but the bucket owner (another account's canonical user, an
#   e-mail grantee, or the AllUsers / AuthenticatedUsers groups), or when its object ownership is
#   not `BucketOwnerEnforced` (ACLs still decide who owns uploaded objects). Says which. The S3
#   log delivery group is not a grant to another account. A bucket whose ACL or ownership was not
#   read is left out (SCV-COLL-001 reports a failed read).
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html
#     description: Controlling ownership of objects and disabling ACLs (seed connect-dev-test-prod; recordings stay with their environment)
#   - ref: https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-instances.html
#     description: Amazon Connect data storage (recordings and transcripts in S3)
# custom:
#   id: SCV-DATA-002
#   severity: high
#   remediation: |
#     Set the bucket's object ownership to BucketOwnerEnforced (which disables ACLs) after moving any
#     access the ACL granted into the bucket policy, and remove every ACL grant to other accounts,
#     e-mail grantees and the AllUsers / AuthenticatedUsers groups.
#   tags: [data-protection, s3, recordings]
#   inputs: [aws.s3Buckets, aws.s3Buckets.acl, aws.s3Buckets.objectOwnership, aws.connectInstances.storage]
package scv.rules.data_protection.recording_bucket_acl

import data.scv.lib.estate
import rego.v1

public_groups := {
	"http://acs.amazonaws.com/groups/global/AllUsers": "everyone (AllUsers)",
	"http://acs.amazonaws.com/groups/global/AuthenticatedUsers": "every AWS account (AuthenticatedUsers)",
}

problems(bucket) := [p | some p in grant_problems(bucket)] if is_object(object.get(bucket, "acl", null))

problems(bucket) := [] if not is_object(object.get(bucket, "acl", null))

grant_problems(bucket) := {sprintf("its ACL grants %s %s", [who, g.permission]) |
	some g in bucket.acl.grants
	who := grantee(g, bucket.acl.ownerId)
}

grantee(g, _) := public_groups[g.granteeUri] if g.granteeType == "Group"

grantee(g, owner) := sprintf("another account's canonical user %s", [g.granteeId]) if {
	g.granteeType == "CanonicalUser"
	is_string(owner)
	g.granteeId != owner
}

grantee(g, _) := "an e-mail grantee" if g.granteeType == "AmazonCustomerByEmail"

ownership_problems(bucket) := [sprintf("its object ownership is %s, not BucketOwnerEnforced", [o])] if {
	o := object.get(bucket, "objectOwnership", null)
	is_string(o)
	o != "BucketOwnerEnforced"
}

ownership_problems(bucket) := [] if object.get(bucket, "objectOwnership", null) in {null, "BucketOwnerEnforced"}

deny contains finding if {
	some bucket_arn in estate.recording_bucket_arns
	entry := estate.buckets_by_arn[bucket_arn]
	reasons := array.concat(sort(problems(entry.bucket)), ownership_problems(entry.bucket))
	count(reasons) > 0
	finding := {
		"msg": sprintf(
			"S3 bucket %s holds recordings or transcripts of Amazon Connect instance(s) %s but %s. Disable ACLs (object ownership BucketOwnerEnforced) and grant access only through the bucket policy.",
			[bucket_arn, concat(", ", sort(estate.instances_by_bucket[bucket_arn])), concat("; ", reasons)],
		),
		"resource": estate.bucket_ref(bucket_arn),
		"related": [estate.instance_ref(i) | some i in sort(estate.instances_by_bucket[bucket_arn])],
	}
}
