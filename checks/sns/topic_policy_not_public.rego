# METADATA
# title: SNS topic policies do not grant access to everyone
# description: |
#   A topic policy that allows "*" without a condition narrowing the audience lets anyone
#   publish to the topic (spam, fake alerts) or subscribe to it and receive its messages.
# custom:
#   id: sns_topic_policy_not_public
#   severity: high
#   scope: resource
#   resource_types: [sns_topic]
#   frameworks:
#     fsbp: [SNS.4]
#   remediation: |
#     aws sns set-topic-attributes --topic-arn TOPIC_ARN --attribute-name Policy --attribute-value
#     file://policy.json with named principals, or conditions such as aws:SourceAccount,
#     aws:SourceArn or aws:PrincipalOrgID on every statement with Principal "*".
package stance.sns.topic_policy_not_public

import data.stance.lib.util

default compliant := false

compliant if input.derived.policy.public == false

message := sprintf("SNS topic %s policy allows everyone: %s", [util.label(input), concat(", ", input.derived.policy.public_actions)])

evidence := {"public_actions": input.derived.policy.public_actions}
