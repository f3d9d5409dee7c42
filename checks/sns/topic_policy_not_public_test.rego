package stance.sns.topic_policy_not_public_test

import data.stance.sns.topic_policy_not_public as check

topic(public, actions) := {
	"resource_type": "sns_topic",
	"meta": {"id": "arn:aws:sns:us-east-1:111111111111:security-alerts", "arn": "arn:aws:sns:us-east-1:111111111111:security-alerts", "account_id": "111111111111", "region": "us-east-1", "name": "security-alerts"},
	"policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": actions, "Resource": "arn:aws:sns:us-east-1:111111111111:security-alerts"}]},
	"subscriptions": [{"protocol": "email", "confirmed": true}],
	"derived": {"confirmed_subscription_count": 1, "policy": {"present": true, "public": public, "public_read": false, "public_write": false, "public_actions": actions, "denies_insecure_transport": false, "cross_account_principals": []}},
}

test_pass_private if check.compliant with input as topic(false, [])

test_fail_public if {
	inp := topic(true, ["SNS:Publish", "SNS:Subscribe"])
	not check.compliant with input as inp
	check.message == "SNS topic security-alerts policy allows everyone: SNS:Publish, SNS:Subscribe" with input as inp
}
