package scv.test.lib.flows

import data.scv.lib.flows
import data.scv.test.fixtures as fx
import rego.v1

test_block_text_names_the_identifier if {
	flows.block_text({"action": "InvokeLambdaFunction", "actionId": "a1"}) == "block a1 (InvokeLambdaFunction)"
	flows.block_text({"action": "InvokeLambdaFunction"}) == "an unnamed InvokeLambdaFunction block"
}

test_flow_id_prefers_arn if {
	flows.flow_id({"id": "f", "arn": "arn:x"}) == "arn:x"
	flows.flow_id({"id": "f", "arn": null}) == "f"
}

test_lex_alias_environments if {
	bot := {"kind": "lex", "arn": "arn:aws:lex:us-east-1:111111111111:bot-alias/B/A", "action": "ConnectParticipantWithLexBot"}
	flow := {"id": "f", "arn": null, "name": "n", "type": "CONTACT_FLOW", "state": null, "references": [bot], "secrets": []}
	prod := object.union(fx.instance("111111111111", "i-p", "prod"), {"flows": [flow]})
	dev := object.union(fx.instance("111111111111", "i-d", "dev"), {"flows": [flow]})
	inv := fx.inventory([], [fx.account_with("111111111111", "prod", [prod, dev], [], [])])
	flows.lex_alias_environments[bot.arn] == {"prod", "dev"} with input as inv
}

test_lex_alias_key if {
	instance := fx.instance("111111111111", "i-p", "prod")
	v2 := "arn:aws:lex:us-east-1:111111111111:bot-alias/B/A"
	flows.lex_alias_key(instance, {"arn": v2}) == v2
	flows.lex_alias_key(instance, {"arn": "lex-v1/eu-west-2/Booking/live"}) == "111111111111/lex-v1/eu-west-2/Booking/live"
	flows.lex_alias_key(instance, {"arn": "lex-v1//Booking/live"}) == "111111111111/lex-v1/us-east-1/Booking/live"
	not flows.lex_alias_key(instance, {"arn": "lex-v1/us-east-1/Booking/"})
}
