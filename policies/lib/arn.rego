# METADATA
# title: ARN helpers
# description: Parse Amazon Resource Names (arn:partition:service:region:account:resource).
package scv.lib.arn

import rego.v1

# The colon-separated parts of an ARN; undefined for anything that is not one.
parts(a) := p if {
	is_string(a)
	startswith(a, "arn:")
	p := split(a, ":")
	count(p) >= 6
}

service(a) := parts(a)[2]

region(a) := parts(a)[3]

# The account id of an ARN; undefined when the ARN has none (S3 buckets) or is not an ARN.
account(a) := id if {
	id := parts(a)[4]
	is_account_id(id)
}

# Everything after the account, colons included.
resource(a) := concat(":", array.slice(p, 5, count(p))) if {
	p := parts(a)
}

# The account id of an ARN, or "" when it has none: for lookups that must stay defined.
account_or_empty(a) := account(a)

account_or_empty(a) := "" if not account(a)

is_account_id(s) if {
	is_string(s)
	regex.match(`^[0-9]{12}$`, s)
}

# The account of an IAM principal written as an account id, `arn:aws:iam::ID:root` or any ARN.
principal_account(p) := p if is_account_id(p)

principal_account(p) := account(p) if not is_account_id(p)

# Connect ARNs: arn:aws:connect:REGION:ACCOUNT:instance/INSTANCE_ID[/TYPE/ID]
connect_instance_id(a) := segments[1] if {
	service(a) == "connect"
	segments := split(resource(a), "/")
	segments[0] == "instance"
	count(segments) >= 2
}

# Lambda ARNs: arn:aws:lambda:REGION:ACCOUNT:function:NAME[:ALIAS_OR_VERSION]
lambda_function_name(a) := p[6] if {
	p := parts(a)
	p[2] == "lambda"
	p[5] == "function"
	count(p) >= 7
}

lambda_qualifier(a) := p[7] if {
	p := parts(a)
	p[2] == "lambda"
	count(p) >= 8
}

lambda_qualifier_or_empty(a) := lambda_qualifier(a)

lambda_qualifier_or_empty(a) := "" if not lambda_qualifier(a)

s3_bucket_arn(name) := concat("", ["arn:aws:s3:::", name])
