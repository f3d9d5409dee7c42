# METADATA
# title: Site-to-Site VPN connections send tunnel logs to CloudWatch Logs
# description: |
#   Tunnel activity logs record IKE negotiations, IPsec tunnel establishment and dead peer
#   detection, the evidence needed to troubleshoot or investigate the connection. Both tunnels
#   must log.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-171
# custom:
#   id: ec2_vpn_tunnel_logging
#   severity: medium
#   scope: resource
#   resource_types: [ec2_vpn_connection]
#   frameworks:
#     fsbp: [EC2.171]
#   remediation: |
#     For each tunnel: aws ec2 modify-vpn-tunnel-options --vpn-connection-id ID
#     --vpn-tunnel-outside-ip-address IP --tunnel-options
#     'LogOptions={CloudWatchLogOptions={LogEnabled=true,LogGroupArn=ARN,LogOutputFormat=json}}'
package stance.ec2.vpn_tunnel_logging

default compliant := false

not_applicable := sprintf("the VPN connection is %s", [input.state]) if input.state in {"deleted", "deleting"}

unlogged contains tunnel.outside_ip_address if {
	some tunnel in input.tunnels
	tunnel.logging_enabled != true
}

compliant if {
	count(input.tunnels) > 0
	count(unlogged) == 0
}

message := sprintf("VPN connection %s has no tunnels recorded", [label]) if {
	count(input.tunnels) == 0
} else := sprintf("VPN connection %s does not log tunnel(s) %s to CloudWatch Logs", [label, concat(", ", sort([t | some t in unlogged]))])

# The Name tag, else the resource id at the end of the ARN.
label := input.meta.name if input.meta.name

else := id if {
	parts := split(input.meta.id, "/")
	id := parts[count(parts) - 1]
}
