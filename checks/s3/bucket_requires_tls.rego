# METADATA
# title: S3 bucket policies deny requests that do not use TLS
# description: |
#   Without a policy that denies `aws:SecureTransport = false`, clients can read and write the
#   bucket over plain HTTP, exposing data and credentials-signed requests to interception.
# custom:
#   id: s3_bucket_requires_tls
#   severity: medium
#   scope: resource
#   resource_types: [s3_bucket]
#   frameworks:
#     cis-aws-v3.0.0: ["2.1.1"]
#     cis-aws-v4.0.1: ["2.1.1"]
#     cis-aws-v5.0.0: ["2.1.1"]
#     fsbp: [S3.5]
#   remediation: |
#     Add a bucket policy statement: Effect Deny, Principal "*", Action "s3:*", Resource the
#     bucket and "bucket/*", Condition {"Bool": {"aws:SecureTransport": "false"}}.
package stance.s3.bucket_requires_tls

default compliant := false

compliant if input.derived.policy.denies_insecure_transport == true

message := sprintf("bucket %s has no policy" , [input.meta.name]) if {
	not input.derived.policy.present
} else := sprintf("bucket %s policy does not deny requests without TLS (aws:SecureTransport = false)", [input.meta.name])
