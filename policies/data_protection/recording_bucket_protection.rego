# METADATA
# title: Recording bucket without KMS encryption or full public access block
# description: |
#   Fires once per S3 bucket that stores recordings or transcripts of an Amazon Connect instance
#   (call recordings, chat transcripts, screen recordings, real-time analysis segments, email,
#   attachments, evaluations) when its default encryption is not KMS (`aws:kms` or
#   `aws:kms:dsse`), or any of its four public access block settings is off. Settings that could
#   not be read (null) are left out.
# related_resources:
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html
#     description: Server-side encryption with AWS KMS keys (SSE-KMS)
#   - ref: https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
#     description: Blocking public access to your Amazon S3 storage
# custom:
#   id: SCV-DATA-001
#   severity: high
#   inputs: [aws.connectInstances.storage, aws.s3Buckets, aws.s3Buckets.encryption, aws.s3Buckets.publicAccessBlock]
#   remediation: |
#     Set the bucket's default encryption to SSE-KMS with a customer managed key and turn on all
#     four Block Public Access settings (BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy,
#     RestrictPublicBuckets).
#   tags: [data, s3, encryption]
#   frameworks:
#     pci-dss: ["3.5.1"]
package scv.rules.data_protection.recording_bucket_protection

import data.scv.lib.estate
import rego.v1

kms_algorithms := {"aws:kms", "aws:kms:dsse"}

public_access_settings := ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"]

problems(bucket) := {"it has no default encryption" |
	is_object(bucket.encryption)
	bucket.encryption.algorithm == null
} | {sprintf("default encryption is %s, not KMS", [bucket.encryption.algorithm]) |
	is_string(bucket.encryption.algorithm)
	not bucket.encryption.algorithm in kms_algorithms
} | {sprintf("public access block %s is off", [s]) |
	is_object(bucket.publicAccessBlock)
	some s in public_access_settings
	bucket.publicAccessBlock[s] == false
}

deny contains finding if {
	some bucket_arn in estate.recording_bucket_arns
	bucket := estate.buckets_by_arn[bucket_arn].bucket
	found := problems(bucket)
	count(found) > 0
	finding := {
		"msg": sprintf(
			"S3 bucket %s holds recordings or transcripts of Amazon Connect instance %s but %s. Encrypt it with SSE-KMS by default and turn on all four Block Public Access settings.",
			[bucket_arn, concat(", ", sort(estate.instances_by_bucket[bucket_arn])), concat(" and ", sort(found))],
		),
		"resource": estate.bucket_ref(bucket_arn),
		"related": [estate.instance_ref(i) | some i in sort(estate.instances_by_bucket[bucket_arn])],
	}
}
