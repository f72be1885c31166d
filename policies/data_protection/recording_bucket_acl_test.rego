package scv.test.rules.data_protection.recording_bucket_acl

import data.scv.rules.data_protection.recording_bucket_acl as rule
import data.scv.test.fixtures as fx
import rego.v1

owner_only := {"ownerId": "c0ffee", "grants": [{"granteeType": "CanonicalUser", "granteeId": "c0ffee", "granteeUri": null, "permission": "FULL_CONTROL"}]}

inv(bucket_fields) := fx.inventory([], [fx.account_with(
	"111111111111", "prod",
	[object.union(fx.instance("111111111111", "i-1", "prod"), {"storage": [fx.s3_storage("CALL_RECORDINGS", "rec")]})],
	[],
	[object.union(fx.bucket("rec", "prod"), bucket_fields)],
)])

grant(type, id, uri) := {"granteeType": type, "granteeId": id, "granteeUri": uri, "permission": "READ"}

test_owner_only_and_enforced_passes if {
	count(rule.deny) == 0 with input as inv({"acl": owner_only, "objectOwnership": "BucketOwnerEnforced"})
}

test_not_collected_stays_silent if {
	count(rule.deny) == 0 with input as inv({})
	count(rule.deny) == 0 with input as inv({"acl": null, "objectOwnership": null})
}

test_public_group_grant_fires if {
	acl := {"ownerId": "c0ffee", "grants": array.concat(owner_only.grants, [grant("Group", null, "http://acs.amazonaws.com/groups/global/AllUsers")])}
	findings := rule.deny with input as inv({"acl": acl, "objectOwnership": "BucketOwnerPreferred"})
	count(findings) == 1
	some f in findings
	f.resource.id == "arn:aws:s3:::rec"
	fx.mentions(f.msg, "its ACL grants everyone (AllUsers) READ")
	fx.mentions(f.msg, "its object ownership is BucketOwnerPreferred, not BucketOwnerEnforced")
}

test_foreign_canonical_user_fires if {
	acl := {"ownerId": "c0ffee", "grants": [grant("CanonicalUser", "beef", null)]}
	findings := rule.deny with input as inv({"acl": acl, "objectOwnership": "BucketOwnerEnforced"})
	some f in findings
	fx.mentions(f.msg, "another account's canonical user beef READ")
}

test_log_delivery_group_is_no_grant_to_others if {
	acl := {"ownerId": "c0ffee", "grants": [grant("Group", null, "http://acs.amazonaws.com/groups/s3/LogDelivery")]}
	count(rule.deny) == 0 with input as inv({"acl": acl, "objectOwnership": "BucketOwnerEnforced"})
}

test_object_writer_alone_fires if {
	findings := rule.deny with input as inv({"acl": owner_only, "objectOwnership": "ObjectWriter"})
	count(findings) == 1
}
