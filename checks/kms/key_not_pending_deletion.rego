# METADATA
# title: Customer-managed KMS keys are not scheduled for deletion
# description: |
#   Once the waiting period ends, a deleted key is gone for good and so is every piece of data
#   encrypted under it. A scheduled deletion must be deliberate; an unexpected one can be an
#   attack (ransom by key deletion) and can still be cancelled.
# custom:
#   id: kms_key_not_pending_deletion
#   severity: critical
#   scope: resource
#   resource_types: [kms_key]
#   frameworks:
#     fsbp: [KMS.3]
#   remediation: |
#     If the deletion was not intended: aws kms cancel-key-deletion --key-id KEY_ID, then
#     aws kms enable-key --key-id KEY_ID. Check CloudTrail for who scheduled it.
package stance.kms.key_not_pending_deletion

default compliant := false

not_applicable := "AWS-managed key (AWS controls its lifecycle)" if input.key_manager == "AWS"

compliant if {
	is_string(input.key_state)
	input.key_state != "PendingDeletion"
}

message := sprintf("KMS key %s (%s) is scheduled for deletion on %s", [input.key_id, object.get(input.meta, "name", "no alias"), object.get(input, "deletion_date", "an unknown date")])
