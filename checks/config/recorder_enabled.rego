# METADATA
# title: AWS Config records all resource types in every region
# description: |
#   AWS Config keeps the configuration history that investigations and many controls rely on.
#   It must be recording, for all supported resource types, in every enabled region, with a
#   delivery channel to store what it records.
# custom:
#   id: config_recorder_enabled
#   severity: critical
#   scope: region
#   resource_types: [config_recorder, config_delivery_channel]
#   frameworks:
#     cis-aws-v3.0.0: ["3.3"]
#     cis-aws-v4.0.1: ["3.3"]
#     cis-aws-v5.0.0: ["3.3"]
#     fsbp: [Config.1]
#   remediation: |
#     In each region: aws configservice put-configuration-recorder (allSupported=true,
#     includeGlobalResourceTypes=true in one region), put-delivery-channel, then
#     start-configuration-recorder.
package stance.config.recorder_enabled

default compliant := false

recording contains recorder.meta.name if {
	some recorder in input.resources.config_recorder
	recorder.recording == true
	recorder.all_supported == true
}

compliant if {
	count(recording) > 0
	count(input.resources.config_delivery_channel) > 0
}

message := sprintf("AWS Config is not recording in %s (account %s)", [input.region, input.account_id]) if {
	count(recording) == 0
} else := sprintf("AWS Config in %s (account %s) has no delivery channel", [input.region, input.account_id])
