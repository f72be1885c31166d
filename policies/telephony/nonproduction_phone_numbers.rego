# METADATA
# title: Non-production instance holds real phone numbers
# description: |
#   Dev and test use dummy numbers; real telephony and payment lines belong to production.
#   Fires once per Amazon Connect instance in a non-production environment that has claimed more
#   phone numbers than `nonProductionPhoneNumberAllowance` (default 1). Instances of unknown
#   environment are left out.
# related_resources:
#   - ref: https://docs.aws.amazon.com/connect/latest/adminguide/contact-center-phone-number.html
#     description: Set up phone numbers for your contact center (dev/test/prod guidance, dummy numbers outside production)
# custom:
#   id: SCV-TEL-001
#   severity: low
#   inputs: [aws.connectInstances, aws.connectInstances.phoneNumbers]
#   remediation: |
#     Release the phone numbers the non-production instance does not need, keeping at most the
#     allowance for testing; real and payment lines belong to the production instance.
#   tags: [telephony, environments, cost]
#   frameworks:
#     pci-dss: ["6.5.3"]
package scv.rules.telephony.nonproduction_phone_numbers

import data.scv.lib.config
import data.scv.lib.estate
import rego.v1

deny contains finding if {
	some entry in estate.instances
	environment := estate.instance_environments[entry.instance.arn]
	estate.tier_of_environment(environment) == "non-production"
	numbers := entry.instance.phoneNumbers
	count(numbers) > config.non_production_phone_number_allowance
	finding := {
		"msg": sprintf(
			"Non-production Amazon Connect instance %s (%s) has claimed %d phone numbers (allowance %d): %s. Dev and test should use dummy numbers; release the numbers it does not need.",
			[entry.instance.arn, environment, count(numbers), config.non_production_phone_number_allowance, concat(", ", sort([n.number | some n in numbers]))],
		),
		"resource": estate.instance_ref(entry.instance.arn),
		"related": [number_ref(n) | some n in numbers],
	}
}

number_ref(n) := {"type": "phone-number", "id": n.arn} if is_string(n.arn)

number_ref(n) := {"type": "phone-number", "id": n.number} if not is_string(n.arn)
