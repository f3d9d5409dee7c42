# METADATA
# title: ECR private repositories use immutable image tags
# description: |
#   With mutable tags, anyone allowed to push can replace the image behind a tag that is
#   already deployed (`:1.4.2`, `:prod`), silently swapping the code that runs. Immutable tags
#   make every tag point at one image forever.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html#ecr-2
# custom:
#   id: ecr_repository_tag_immutability
#   severity: medium
#   scope: resource
#   resource_types: [ecr_repository]
#   frameworks:
#     fsbp: [ECR.2]
#   remediation: |
#     aws ecr put-image-tag-mutability --repository-name NAME --image-tag-mutability IMMUTABLE
package stance.ecr.repository_tag_immutability

import data.stance.lib.util

default compliant := false

compliant if input.image_tag_mutability == "IMMUTABLE"

message := sprintf("ECR repository %s allows image tags to be overwritten (%s)", [util.label(input), input.image_tag_mutability])
