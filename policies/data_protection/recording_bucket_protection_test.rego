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
	fx.mentions(f.msg, "holds recordings or transcripts of Amazon Connect instance arn:aws:connect:us-east-1:111111111111:instance/i-1 but default encryption is AES256, not KMS")
	fx.mentions(f.msg, "Encrypt it with SSE-KMS by default")
}

test_public_access_block_off_fires if {
	bucket := object.union(fx.bucket("rec", "prod"), {"publicAccessBlock": {"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": false, "RestrictPublicBuckets": false}})
	findings := rule.deny with input as inv("CHAT_TRANSCRIPTS", bucket)
	some f in findings
	fx.mentions(f.msg, "public access block BlockPublicPolicy is off and public access block RestrictPublicBuckets is off")
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
	fx.mentions(f.msg, "but it has no default encryption and public access block BlockPublicAcls is off")
}
