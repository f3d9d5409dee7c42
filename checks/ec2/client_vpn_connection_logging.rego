# METADATA
# title: Client VPN endpoints log client connections
# description: |
#   Connection logs record who connected to the Client VPN endpoint, from where and when, and
#   failed attempts: the audit trail of remote access into the VPC.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-51
# custom:
#   id: ec2_client_vpn_connection_logging
#   severity: low
#   scope: resource
#   resource_types: [ec2_client_vpn_endpoint]
#   frameworks:
#     fsbp: [EC2.51]
#   remediation: |
#     aws ec2 modify-client-vpn-endpoint --client-vpn-endpoint-id ID --connection-log-options
#     Enabled=true,CloudwatchLogGroup=GROUP
package stance.ec2.client_vpn_connection_logging

default compliant := false

compliant if input.connection_logging_enabled == true

message := sprintf("Client VPN endpoint %s does not log client connections", [label])

# The Name tag, else the resource id at the end of the ARN.
label := input.meta.name if input.meta.name

else := id if {
	parts := split(input.meta.id, "/")
	id := parts[count(parts) - 1]
}
