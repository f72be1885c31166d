# METADATA
# title: AWS account without a logging multi-region CloudTrail trail
# description: |
#   Enable CloudTrail in all environments for consistent monitoring. Fires once per AWS account
#   (of any environment, suspended or closed accounts aside) whose trails were read and none is a
#   multi-region trail that is logging; the message names each trail and what it lacks. Accounts
#   whose trails could not be read (`cloudTrail` is null), or with a trail whose multi-region flag
#   or logging status is unknown and could cover the account, are left out.
# related_resources:
#   - ref: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html
#     description: Receiving CloudTrail log files from multiple Regions (dev/test/prod guidance)
# custom:
#   id: SCV-OBS-001
#   severity: medium
#   inputs: [aws.cloudTrail]
#   remediation: |
#     Create a multi-region CloudTrail trail (or an organization trail) that covers the account and
#     make sure it is logging, in every environment alike.
#   tags: [observability, cloudtrail, logging]
#   frameworks:
#     cis-aws-foundations: ["3.1"]
package scv.rules.observability.cloudtrail_missing

import data.scv.lib.estate
import rego.v1

closed_states := {"SUSPENDED", "CLOSED", "PENDING_CLOSURE"}

covered(trails) if {
	some t in trails
	t.multiRegion == true
	t.logging == true
}

# A trail that may be the covering one: multi-region and logging, each true or not known (null).
unknown(trails) if {
	some t in trails
	t.multiRegion in {true, null}
	t.logging in {true, null}
}

deny contains finding if {
	some acct in input.aws.accounts
	not object.get(acct, "state", null) in closed_states
	is_object(acct.cloudTrail)
	trails := acct.cloudTrail.trails
	not covered(trails)
	not unknown(trails)
	finding := {
		"msg": sprintf(
			"AWS account %s has no multi-region CloudTrail trail that is logging (%d trail(s) found%s). Enable CloudTrail with a multi-region trail in every environment for consistent monitoring.",
			[acct.id, count(trails), trails_text(trails)],
		),
		"resource": estate.account_ref(acct.id),
		"related": [{"type": "cloudtrail-trail", "id": object.get(t, "arn", t.name)} | some t in trails; is_string(object.get(t, "arn", t.name))],
	}
}

trails_text(trails) := "" if count(trails) == 0

trails_text(trails) := concat("", [": ", concat(", ", sort([sprintf("%s (%s)", [t.name, concat(", ", shortfalls(t))]) | some t in trails]))]) if count(trails) > 0

shortfalls(t) := array.concat(["single-region" | t.multiRegion == false], ["not logging" | t.logging == false])
