package scv.test.rules.observability.cloudtrail_missing

import data.scv.test.fixtures as fx
import data.scv.rules.observability.cloudtrail_missing as rule
import rego.v1

with_trails(trails) := object.union(fx.account("111111111111", "dev"), {"cloudTrail": {"trails": trails}})

test_logging_multi_region_trail_passes if {
	count(rule.deny) == 0 with input as fx.inventory([], [fx.account("111111111111", "dev")])
}

test_no_trail_fires if {
	findings := rule.deny with input as fx.inventory([], [with_trails([])])
	count(findings) == 1
	some f in findings
	f.resource == {"type": "aws-account", "id": "111111111111", "environment": "dev"}
	fx.mentions(f.msg, "has no multi-region CloudTrail trail that is logging (0 trail(s) found)")
	fx.mentions(f.msg, "in every environment")
}

test_single_region_or_stopped_trail_fires if {
	trails := [
		{"name": "regional", "arn": "arn:aws:cloudtrail:us-east-1:111111111111:trail/regional", "multiRegion": false, "organization": false, "logging": true},
		{"name": "stopped", "arn": "arn:aws:cloudtrail:us-east-1:111111111111:trail/stopped", "multiRegion": true, "organization": false, "logging": false},
	]
	findings := rule.deny with input as fx.inventory([], [with_trails(trails)])
	some f in findings
	count(f.related) == 2
	fx.mentions(f.msg, "(2 trail(s) found: regional (single-region), stopped (not logging))")
}

test_trails_not_read_no_guess if {
	count(rule.deny) == 0 with input as fx.inventory([], [object.union(fx.account("111111111111", "dev"), {"cloudTrail": null})])
}

test_unknown_logging_status_no_guess if {
	trails := [{"name": "t", "arn": null, "multiRegion": true, "organization": false, "logging": null}]
	count(rule.deny) == 0 with input as fx.inventory([], [with_trails(trails)])
}

test_closed_account_passes if {
	count(rule.deny) == 0 with input as fx.inventory([], [object.union(with_trails([]), {"state": "CLOSED"})])
}

test_unknown_multi_region_flag_no_guess if {
	trails := [{"name": "t", "arn": "arn:aws:cloudtrail:us-east-1:111111111111:trail/t", "multiRegion": null, "organization": null, "logging": true}]
	count(rule.deny) == 0 with input as fx.inventory([], [with_trails(trails)])
}

test_unknown_flag_on_a_trail_that_cannot_cover_still_fires if {
	trails := [{"name": "t", "arn": "arn:aws:cloudtrail:us-east-1:111111111111:trail/t", "multiRegion": null, "organization": null, "logging": false}]
	count(rule.deny) == 1 with input as fx.inventory([], [with_trails(trails)])
}
