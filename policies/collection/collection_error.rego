# METADATA
# title: Scanner could not read part of the estate
# description: |
#   A collector could not read something it needs (access denied, throttled past retries, an
#   endpoint it could not reach, credentials or a role it could not use, a Salesforce login that
#   was refused). Fires once per failed scope (source, target, operation), naming the operation as
#   it failed, its cause and the inventory sections it left unread, so that a gap can never look
#   like a pass: rules that read those sections are incomplete instead of passing.
# related_resources:
#   - ref: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html
#     description: AWS managed policies for job functions (ReadOnlyAccess / SecurityAudit for the scanner role)
#   - ref: https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm
#     description: OAuth 2.0 JWT bearer flow for server-to-server integration (connected app, pre-authorised users)
# custom:
#   id: SCV-COLL-001
#   severity: high
#   inputs: [collection.errors]
#   remediation: |
#     Each finding says what to do for its cause: grant the read permission named (docs/iam-policy.json
#     has the whole read-only policy), raise aws.maxAttempts or scan fewer accounts at once when
#     throttled, fix the endpoint or network for the host named, renew the credentials of the source
#     named, fix the trust policy (principal, external id) of a role that could not be assumed, or fix
#     the Salesforce connected app, key file or user pre-authorisation. Then scan again; until then
#     the sections named are unchecked.
#   tags: [scanner, coverage]
package scv.rules.collection.collection_error

import rego.v1

source_labels := {"aws": "AWS", "salesforce": "Salesforce org", "file": "File"}

# Inventories written before errors were classified carry no remediation.
default_remediation := "Check that the scanner may read this and can reach the service, then scan again."

remediation(e) := e.remediation if is_string(object.get(e, "remediation", null))

remediation(e) := default_remediation if not is_string(object.get(e, "remediation", null))

unread(e) := sprintf("%s of %s %s", [concat(", ", e.sections), object.get(source_labels, e.source, e.source), e.target]) if {
	is_array(object.get(e, "sections", null))
	count(e.sections) > 0
}

unread(e) := sprintf("everything of %s %s", [object.get(source_labels, e.source, e.source), e.target]) if {
	not is_array(object.get(e, "sections", null))
}

unread(e) := sprintf("everything of %s %s", [object.get(source_labels, e.source, e.source), e.target]) if {
	is_array(object.get(e, "sections", null))
	count(e.sections) == 0
}

deny contains finding if {
	some e in input.collection.errors
	finding := {
		"msg": sprintf(
			"%s %s: %s failed with %s (%s). %s Until then %s is unchecked.",
			[object.get(source_labels, e.source, e.source), e.target, e.operation, e.code, trim_suffix(e.message, "."), remediation(e), unread(e)],
		),
		"resource": {"type": "collection-scope", "id": sprintf("%s:%s:%s", [e.source, e.target, e.operation])},
		"related": [],
	}
}
