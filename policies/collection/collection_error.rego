# METADATA
# title: Scanner could not read part of the estate
# description: |
#   A collector could not read something it needs (access denied, throttled past retries, timed
#   out, not found). Fires once per failed scope (source, target, operation), so that a gap can
#   never look like a pass: rules stay silent about what they could not see.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html
#     description: AWS managed policies for job functions (ReadOnlyAccess / SecurityAudit for the scanner role)
# custom:
#   id: SCV-COLL-001
#   severity: high
#   inputs: [collection.errors]
#   remediation: |
#     Grant the scanner's role or user the read permission the operation needs (or raise its rate
#     limits / timeouts) and scan again; until then, treat the scope as unchecked.
#   tags: [scanner, coverage]
package scv.rules.collection.collection_error

import rego.v1

deny contains finding if {
	some e in input.collection.errors
	finding := {
		"msg": sprintf(
			"Could not read %s for %s %s: %s (%s). Grant the scanner read access for this operation and scan again; until then this scope is unchecked.",
			[e.operation, e.source, e.target, e.code, e.message],
		),
		"resource": {"type": "collection-scope", "id": sprintf("%s:%s:%s", [e.source, e.target, e.operation])},
		"related": [],
	}
}
