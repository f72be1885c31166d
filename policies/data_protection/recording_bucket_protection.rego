# METADATA
# title: Recording bucket without KMS encryption or full public access block
# description: |
#   Fires once per S3 bucket that stores recordings or transcripts of an Amazon Connect instance
#   (call recordings, chat transcripts, screen recordings, real-time analysis segments, email,
#   attachments, evaluations) when it is not encrypted with KMS, or public access to it is not
#   fully blocked, and says which. KMS: the bucket's default encryption is `aws:kms` or
#   `aws:kms:dsse`, or every storage config of an instance that writes recordings to it sets a KMS
#   key (`storage[].s3.kmsKeyId`, as the SCV contact center stack does: Connect then encrypts each
#   object with that key). Public access: each of the four Block Public Access settings is on for
#   the bucket or for its account (account-level S3 Block Public Access, `s3PublicAccessBlock`).
#   Settings that could not be read (null) are left out; a bucket setting that is off while the
#   account-level one was not read is reported, saying so.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
#     description: Server-side encryption with AWS KMS keys (SSE-KMS)
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
#     description: Blocking public access to your Amazon S3 storage
#   - ref: https://docs.aws.amazon.com/connect/latest/adminguide/encryption-at-rest.html
#     description: Amazon Connect encryption at rest (storage config KMS key)
# custom:
#   id: SCV-DATA-001
#   severity: high
#   inputs: [aws.connectInstances.storage, aws.s3Buckets, aws.s3Buckets.encryption, aws.s3Buckets.publicAccessBlock, aws.s3PublicAccessBlock]
#   remediation: |
#     Set the bucket's default encryption to SSE-KMS with a customer managed key (or set a KMS key in
#     the storage config of every instance that writes to it), and turn on all four Block Public
#     Access settings (BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets)
#     on the bucket or on the account.
#   tags: [data, s3, encryption]
#   frameworks:
#     pci-dss: ["3.5.1"]
package scv.rules.data_protection.recording_bucket_protection

import data.scv.lib.arn
import data.scv.lib.estate
import rego.v1

kms_algorithms := {"aws:kms", "aws:kms:dsse"}

public_access_settings := ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"]

# Recording storage configs per bucket: [instance ARN, resource type, KMS key or null].
recording_configs[bucket_arn] contains [e.instance.arn, s.resourceType, object.get(s.s3, "kmsKeyId", null)] if {
	some e in estate.instances
	some s in e.instance.storage
	s.resourceType in estate.recording_resource_types
	is_string(s.s3.bucket)
	bucket_arn := arn.s3_bucket_arn(s.s3.bucket)
}

bucket_kms(bucket) if bucket.encryption.algorithm in kms_algorithms

default_encryption_text(bucket) := "it has no default encryption" if bucket.encryption.algorithm == null

default_encryption_text(bucket) := sprintf("its default encryption is %s", [bucket.encryption.algorithm]) if {
	is_string(bucket.encryption.algorithm)
	not bucket.encryption.algorithm in kms_algorithms
}

# Storage configs writing to the bucket without a KMS key of their own.
configs_without_key(bucket_arn) := {sprintf("%s (%s)", [c[0], c[1]]) |
	some c in recording_configs[bucket_arn]
	not is_string(c[2])
}

encryption_problems(bucket_arn, bucket) := {sprintf("it is not encrypted with KMS: %s and the storage config of %s sets no KMS key", [default_encryption_text(bucket), concat(", ", sort(missing))]) |
	is_object(bucket.encryption)
	not bucket_kms(bucket)
	missing := configs_without_key(bucket_arn)
	count(missing) > 0
}

# Whether the account-level S3 Block Public Access turns `setting` on: a known answer, or
# unknown when it was not collected (absent) or could not be read (null).
account_blocks(acct, setting) if object.get(acct, "s3PublicAccessBlock", null)[setting] == true

account_level_text(acct) := "the account-level S3 Block Public Access could not be read" if object.get(acct, "s3PublicAccessBlock", "absent") == null

account_level_text(acct) := "the account-level S3 Block Public Access was not collected" if object.get(acct, "s3PublicAccessBlock", "absent") == "absent"

public_access_problems(acct, bucket) := {sprintf("public access is not fully blocked: %s %s off on the bucket%s", [concat(", ", open), verb(open), account_level_suffix(acct)]) |
	is_object(bucket.publicAccessBlock)
	open := [s |
		some s in public_access_settings
		bucket.publicAccessBlock[s] == false
		not account_blocks(acct, s)
	]
	count(open) > 0
}

account_level_suffix(acct) := " and in the account-level S3 Block Public Access" if is_object(object.get(acct, "s3PublicAccessBlock", null))

account_level_suffix(acct) := sprintf(", and %s", [account_level_text(acct)]) if not is_object(object.get(acct, "s3PublicAccessBlock", null))

verb(settings) := "is" if count(settings) == 1

verb(settings) := "are" if count(settings) > 1

deny contains finding if {
	some bucket_arn in estate.recording_bucket_arns
	located := estate.buckets_by_arn[bucket_arn]
	found := encryption_problems(bucket_arn, located.bucket) | public_access_problems(located.account, located.bucket)
	count(found) > 0
	finding := {
		"msg": sprintf(
			"S3 bucket %s holds recordings or transcripts of Amazon Connect instance %s but %s. Encrypt it with SSE-KMS by default (or set a KMS key in the storage config of every instance that writes to it) and turn on all four Block Public Access settings on the bucket or its account.",
			[bucket_arn, concat(", ", sort(estate.instances_by_bucket[bucket_arn])), concat("; and ", sort(found))],
		),
		"resource": estate.bucket_ref(bucket_arn),
		"related": [estate.instance_ref(i) | some i in sort(estate.instances_by_bucket[bucket_arn])],
	}
}
