# METADATA
# title: ECR private repositories scan images for vulnerabilities
# description: |
#   Scanning on push (basic scanning) or continuous enhanced scanning with Amazon Inspector
#   reports known vulnerabilities in image packages before and after they are deployed.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html#ecr-1
# custom:
#   id: ecr_repository_image_scanning
#   severity: high
#   scope: resource
#   resource_types: [ecr_repository]
#   frameworks:
#     fsbp: [ECR.1]
#   remediation: |
#     aws ecr put-image-scanning-configuration --repository-name NAME
#     --image-scanning-configuration scanOnPush=true, or turn on enhanced scanning for the
#     registry (aws ecr put-registry-scanning-configuration --scan-type ENHANCED ...).
package stance.ecr.repository_image_scanning

import data.stance.lib.util

default compliant := false

compliant if input.scan_on_push == true

compliant if input.enhanced_scanning == true

message := sprintf("ECR repository %s has neither scan on push nor enhanced scanning", [util.label(input)])
