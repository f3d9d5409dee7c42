# METADATA
# title: CloudTrail log file integrity validation is on
# description: |
#   Validation writes signed digest files, so tampering with or deleting delivered log files can
#   be detected: essential when the logs are evidence.
# custom:
#   id: cloudtrail_log_file_validation_enabled
#   severity: low
#   scope: resource
#   resource_types: [cloudtrail_trail]
#   frameworks:
#     cis-aws-v3.0.0: ["3.2"]
#     cis-aws-v4.0.1: ["3.2"]
#     cis-aws-v5.0.0: ["3.2"]
#     fsbp: [CloudTrail.4]
#   remediation: |
#     aws cloudtrail update-trail --name TRAIL --enable-log-file-validation
package stance.cloudtrail.log_file_validation_enabled

default compliant := false

compliant if input.log_file_validation_enabled == true

message := sprintf("trail %s does not validate log file integrity", [input.meta.name])
