# METADATA
# title: Both tunnels of each Site-to-Site VPN connection are up
# description: |
#   Each VPN connection has two tunnels to different AWS endpoints so one can fail over to the
#   other. With a tunnel down, the connection runs without redundancy.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-20
# custom:
#   id: ec2_vpn_tunnels_up
#   severity: medium
#   scope: resource
#   resource_types: [ec2_vpn_connection]
#   frameworks:
#     fsbp: [EC2.20]
#   remediation: |
#     Configure both tunnels on the customer gateway device (download the configuration with
#     aws ec2 get-vpn-connection-device-sample-configuration) and check their IKE/IPsec options.
package stance.ec2.vpn_tunnels_up

default compliant := false

not_applicable := sprintf("the VPN connection is %s", [input.state]) if input.state in {"deleted", "deleting", "pending"}

down contains tunnel.outside_ip_address if {
	some tunnel in input.tunnels
	upper(tunnel.status) != "UP"
}

compliant if {
	count(input.tunnels) >= 2
	count(down) == 0
}

message := sprintf("VPN connection %s has %d tunnel(s) recorded", [label, count(input.tunnels)]) if {
	count(input.tunnels) < 2
} else := sprintf("VPN connection %s has tunnel(s) down: %s", [label, concat(", ", sort([t | some t in down]))])

# The Name tag, else the resource id at the end of the ARN.
label := input.meta.name if input.meta.name

else := id if {
	parts := split(input.meta.id, "/")
	id := parts[count(parts) - 1]
}
