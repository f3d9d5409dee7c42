# METADATA
# title: EC2 instances require IMDSv2
# description: |
#   IMDSv1 answers plain GET requests, so a server-side request forgery bug in an application
#   can read the instance role's credentials. IMDSv2 requires a session token obtained with a
#   PUT, which SSRF rarely can send.
# custom:
#   id: ec2_instance_imdsv2_required
#   severity: high
#   scope: resource
#   resource_types: [ec2_instance]
#   frameworks:
#     cis-aws-v3.0.0: ["5.6"]
#     cis-aws-v4.0.1: ["5.7"]
#     cis-aws-v5.0.0: ["5.7"]
#     fsbp: [EC2.8]
#   remediation: |
#     aws ec2 modify-instance-metadata-options --instance-id ID --http-tokens required
#     --http-endpoint enabled (and set HttpTokens=required in launch templates).
package stance.ec2.instance_imdsv2_required

default compliant := false

not_applicable := "the instance is terminated" if input.state == "terminated"

compliant if input.derived.imdsv2_required == true

message := sprintf("instance %s allows IMDSv1 (HttpTokens=%s)", [input.instance_id, object.get(input.metadata_options, "http_tokens", "unset")])
