package scv.test.rules.scanner.expired_waiver

import data.scv.test.fixtures as fx
import data.scv.rules.scanner.expired_waiver as rule
import rego.v1

waiver(expires) := {"rule": "SCV-DATA-001", "resource": "arn:aws:s3:::legacy", "reason": "KMS migration SEC-142", "expires": expires}

test_future_waiver_passes if {
	count(rule.deny) == 0 with data.scanner as {"now": "2026-01-01T00:00:00Z", "waivers": [waiver("2027-03-31")]}
}

test_expired_waiver_fires if {
	findings := rule.deny with data.scanner as {"now": "2027-04-01T00:00:00Z", "waivers": [waiver("2027-03-31")]}
	count(findings) == 1
	some f in findings
	f.resource == {"type": "waiver", "id": "SCV-DATA-001:arn:aws:s3:::legacy"}
	fx.mentions(f.msg, "The waiver of SCV-DATA-001 for arn:aws:s3:::legacy expired on 2027-03-31 (reason: KMS migration SEC-142)")
	fx.mentions(f.msg, "renew the waiver")
}

test_date_is_valid_through_its_last_day if {
	count(rule.deny) == 0 with data.scanner as {"now": "2027-03-31T23:59:59Z", "waivers": [waiver("2027-03-31")]}
	count(rule.deny) == 1 with data.scanner as {"now": "2027-04-01T00:00:00.001Z", "waivers": [waiver("2027-03-31")]}
}

test_timestamp_expiry if {
	count(rule.deny) == 1 with data.scanner as {"now": "2027-03-31T12:00:01Z", "waivers": [waiver("2027-03-31T12:00:00Z")]}
	count(rule.deny) == 0 with data.scanner as {"now": "2027-03-31T12:00:00Z", "waivers": [waiver("2027-03-31T12:00:00Z")]}
}

test_environment_carried if {
	findings := rule.deny with data.scanner as {"now": "2028-01-01T00:00:00Z", "waivers": [object.union(waiver("2027-03-31"), {"environment": "uat"})]}
	some f in findings
	f.resource.environment == "uat"
}

test_no_waivers if {
	count(rule.deny) == 0 with data.scanner as {"now": "2028-01-01T00:00:00Z", "waivers": []}
}
