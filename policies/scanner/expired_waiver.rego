# METADATA
# title: Waiver expired
# description: |
#   A waiver in the scanner config has expired: the finding it covered is reported again, and the
#   waiver should be renewed with a fresh justification or removed. Fires once per expired
#   waiver. A date-only `expires` (2027-03-31) is valid through the end of that day (UTC).
# related_resources:
#   - ref: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html
#     description: SARIF 2.1.0 suppressions (waived findings)
# custom:
#   id: SCV-WAIVER-001
#   severity: medium
#   inputs: [scanner.waivers]
#   remediation: |
#     Fix the finding the waiver covered, or renew the waiver with a new expiry date and a current
#     justification, or remove it from the config.
#   tags: [scanner, waivers]
package scv.rules.scanner.expired_waiver

import data.scv.lib.times
import rego.v1

# A date-only expiry lasts through the last millisecond of that day (UTC), as the scanner applies it.
expiry_key(expires) := times.end_of_day_key(expires)

expiry_key(expires) := times.utc_key(expires) if not times.end_of_day_key(expires)

deny contains finding if {
	now := times.utc_key(data.scanner.now)
	some w in data.scanner.waivers
	expiry_key(w.expires) < now
	finding := {
		"msg": sprintf(
			"The waiver of %s for %s expired on %s (reason: %s). The finding it covered is reported again: fix it, or renew the waiver with a new expiry date and justification.",
			[w.rule, w.resource, w.expires, w.reason],
		),
		"resource": waiver_ref(w),
		"related": [],
	}
}

waiver_ref(w) := {"type": "waiver", "id": sprintf("%s:%s", [w.rule, w.resource]), "environment": w.environment} if is_string(object.get(w, "environment", null))

waiver_ref(w) := {"type": "waiver", "id": sprintf("%s:%s", [w.rule, w.resource])} if not is_string(object.get(w, "environment", null))
