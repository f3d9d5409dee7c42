# METADATA
# title: S3 access points block all public access
# description: |
#   An access point has its own Block Public Access setting, fixed at creation. Without all four
#   flags on, a public access point policy can expose the bucket's data even when the bucket
#   itself looks private.
# custom:
#   id: s3_access_point_public_access_block
#   severity: critical
#   scope: resource
#   resource_types: [s3_access_point]
#   frameworks:
#     fsbp: [S3.19]
#   remediation: |
#     The setting cannot be changed after creation: create a replacement access point with all
#     four Block Public Access settings on (the default), move clients to it, and delete the old one.
package stance.s3.access_point_public_access_block

import data.stance.lib.util

default compliant := false

config := input.public_access_block

compliant if {
	config.block_public_acls == true
	config.ignore_public_acls == true
	config.block_public_policy == true
	config.restrict_public_buckets == true
}

missing contains name if {
	some name in ["block_public_acls", "ignore_public_acls", "block_public_policy", "restrict_public_buckets"]
	not config[name] == true
}

message := sprintf("access point %s (bucket %s) does not block public access: %s off", [util.label(input), input.bucket, concat(", ", sort(missing))])
