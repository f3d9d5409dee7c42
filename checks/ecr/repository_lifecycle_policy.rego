# METADATA
# title: ECR repositories have a lifecycle policy
# description: |
#   A lifecycle policy expires old and untagged images. Without one, repositories accumulate
#   stale images with known vulnerabilities that can still be pulled and deployed.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html#ecr-3
# custom:
#   id: ecr_repository_lifecycle_policy
#   severity: medium
#   scope: resource
#   resource_types: [ecr_repository]
#   frameworks:
#     fsbp: [ECR.3]
#   remediation: |
#     aws ecr put-lifecycle-policy --repository-name NAME --lifecycle-policy-text file://policy.json
#     (for example expiring untagged images after 14 days and keeping the last N tagged ones).
package stance.ecr.repository_lifecycle_policy

import data.stance.lib.util

default compliant := false

compliant if input.lifecycle_policy_present == true

message := sprintf("ECR repository %s has no lifecycle policy", [util.label(input)])
