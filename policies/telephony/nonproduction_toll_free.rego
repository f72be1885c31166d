# METADATA
# title: Non-production instance holds toll-free numbers
# description: |
#   Toll-free numbers are paid per minute and are what customers dial: they belong to production.
#   Dev and test use dummy or direct-dial numbers. Fires once per Amazon Connect instance in a
#   non-production environment that has claimed toll-free numbers (`TOLL_FREE`, or international
#   freephone `UIFN`), naming them. Instances of unknown environment are left out.
# related_resources:
#   - ref: https://docs.aws.amazon.com/connect/latest/adminguide/contact-center-phone-number.html
#     description: Set up phone numbers for your contact center (seed connect-dev-test-prod; dev/test use dummy numbers, real lines belong to production)
# custom:
#   id: SCV-TEL-002
#   severity: low
#   remediation: |
#     Release the toll-free numbers of the non-production instance (or move them to the
#     production instance) and test with a direct-dial number.
#   tags: [telephony, environments, cost]
#   inputs: [aws.connectInstances, aws.connectInstances.phoneNumbers]
package scv.rules.telephony.nonproduction_toll_free

import data.scv.lib.estate
import rego.v1

toll_free_types := {"TOLL_FREE", "UIFN"}

deny contains finding if {
	some entry in estate.instances
	environment := estate.instance_environments[entry.instance.arn]
	estate.tier_of_environment(environment) == "non-production"
	numbers := [n | some n in entry.instance.phoneNumbers; n.type in toll_free_types]
	count(numbers) > 0
	finding := {
		"msg": sprintf(
			"Non-production Amazon Connect instance %s (%s) holds %d toll-free number(s): %s. Toll-free lines belong to production; release them here and test with a direct-dial number.",
			[entry.instance.arn, environment, count(numbers), concat(", ", sort([n.number | some n in numbers]))],
		),
		"resource": estate.instance_ref(entry.instance.arn),
		"related": [number_ref(n) | some n in numbers],
	}
}

number_ref(n) := {"type": "phone-number", "id": n.arn} if is_string(n.arn)

number_ref(n) := {"type": "phone-number", "id": n.number} if not is_string(n.arn)
