package scv.test.rules.data_protection.recording_bucket_protection

import data.scv.test.fixtures as fx
import data.scv.rules.data_protection.recording_bucket_protection as rule
import rego.v1

inv(resource_type, bucket) := fx.inventory([], [fx.account_with("111111111111", "prod", [object.union(fx.instance("111111111111", "i-1", "prod"), {"storage": [fx.s3_storage(resource_type, "rec")]})], [], [bucket])])

test_kms_and_blocked_passes if {
	count(rule.deny) == 0 with input as inv("CALL_RECORDINGS", fx.bucket("rec", "prod"))
}

test_sse_s3_fires if {
	bucket := object.union(fx.bucket("rec", "prod"), {"encryption": {"algorithm": "AES256", "kmsKeyId": null}})
	findings := rule.deny with input as inv("CALL_RECORDINGS", bucket)
	count(findings) == 1
	some f in findings
	f.resource == {"type": "s3-bucket", "id": "arn:aws:s3:::rec", "environment": "prod"}
	fx.mentions(f.msg, "holds recordings or transcripts of Amazon Connect instance arn:aws:connect:us-east-1:111111111111:instance/i-1 but it is not encrypted with KMS: its default encryption is AES256 and the storage config of arn:aws:connect:us-east-1:111111111111:instance/i-1 (CALL_RECORDINGS) sets no KMS key")
	fx.mentions(f.msg, "Encrypt it with SSE-KMS by default")
}

test_public_access_block_off_fires if {
	bucket := object.union(fx.bucket("rec", "prod"), {"publicAccessBlock": {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": false, "RestrictPublicBuckets": false}})
	findings := rule.deny with input as inv("CHAT_TRANSCRIPTS", bucket)
	some f in findings
	fx.mentions(f.msg, "public access is not fully blocked: BlockPublicPolicy, RestrictPublicBuckets are off on the bucket, and the account-level S3 Block Public Access was not collected")
}

test_dsse_kms_passes if {
	bucket := object.union(fx.bucket("rec", "prod"), {"encryption": {"algorithm": "aws:kms:dsse", "kmsKeyId": "k"}})
	count(rule.deny) == 0 with input as inv("CALL_RECORDINGS", bucket)
}

test_unread_settings_no_guess if {
	bucket := object.union(fx.bucket("rec", "prod"), {"encryption": null, "publicAccessBlock": null})
	count(rule.deny) == 0 with input as inv("CALL_RECORDINGS", bucket)
}

test_report_bucket_is_not_a_recording_bucket if {
	bucket := object.union(fx.bucket("rec", "prod"), {"encryption": {"algorithm": "AES256", "kmsKeyId": null}})
	count(rule.deny) == 0 with input as inv("SCHEDULED_REPORTS", bucket)
}

test_no_default_encryption_and_no_public_access_block_fire if {
	off := {"BlockPublicAcls": false, "IgnorePublicAcls": false, "BlockPublicPolicy": false, "RestrictPublicBuckets": false}
	bucket := object.union(fx.bucket("rec", "prod"), {"encryption": {"algorithm": null, "kmsKeyId": null}, "publicAccessBlock": off})
	findings := rule.deny with input as inv("CALL_RECORDINGS", bucket)
	count(findings) == 1
	some f in findings
	fx.mentions(f.msg, "but it is not encrypted with KMS: it has no default encryption and the storage config")
	fx.mentions(f.msg, "; and public access is not fully blocked: BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets are off on the bucket")
}

sse_s3 := object.union(fx.bucket("rec", "prod"), {"encryption": {"algorithm": "AES256", "kmsKeyId": null}})

with_key(kms_key) := {"resourceType": "CALL_RECORDINGS", "storageType": "S3", "s3": {"bucket": "rec", "prefix": "connect", "kmsKeyId": kms_key}, "streamArn": null}

storage_inv(storage, bucket, account_extra) := fx.inventory([], [object.union(fx.account_with("111111111111", "prod", [object.union(fx.instance("111111111111", "i-1", "prod"), {"storage": storage})], [], [bucket]), account_extra)])

test_storage_config_kms_key_counts_as_kms if {
	key := "arn:aws:kms:us-east-1:111111111111:key/scv"
	count(rule.deny) == 0 with input as storage_inv([with_key(key)], sse_s3, {})
	findings := rule.deny with input as storage_inv([with_key(key), object.union(with_key(null), {"resourceType": "CHAT_TRANSCRIPTS"})], sse_s3, {})
	some f in findings
	fx.mentions(f.msg, "the storage config of arn:aws:connect:us-east-1:111111111111:instance/i-1 (CHAT_TRANSCRIPTS) sets no KMS key")
}

off := {"BlockPublicAcls": false, "IgnorePublicAcls": false, "BlockPublicPolicy": false, "RestrictPublicBuckets": false}

test_account_level_block_public_access_counts if {
	open := object.union(fx.bucket("rec", "prod"), {"publicAccessBlock": off})
	all_on := {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true, "RestrictPublicBuckets": true}
	count(rule.deny) == 0 with input as storage_inv([with_key("k")], open, {"s3PublicAccessBlock": all_on})
	partial := object.union(all_on, {"RestrictPublicBuckets": false})
	findings := rule.deny with input as storage_inv([with_key("k")], open, {"s3PublicAccessBlock": partial})
	some f in findings
	fx.mentions(f.msg, "public access is not fully blocked: RestrictPublicBuckets is off on the bucket and in the account-level S3 Block Public Access")
	not fx.mentions(f.msg, "KMS:")
}

test_account_level_unreadable_is_said if {
	open := object.union(fx.bucket("rec", "prod"), {"publicAccessBlock": off})
	findings := rule.deny with input as storage_inv([with_key("k")], open, {"s3PublicAccessBlock": null})
	some f in findings
	fx.mentions(f.msg, "the account-level S3 Block Public Access could not be read")
}
