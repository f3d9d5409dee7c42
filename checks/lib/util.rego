# Helpers shared by the checks. Library modules carry no METADATA block.
package stance.lib.util

# The best human label of a resource: its name, else its id.
label(resource) := resource.meta.name if {
	resource.meta.name
} else := resource.meta.id

# Whether an open-to-the-world port range covers `port` for TCP traffic.
range_covers_tcp(range, port) if {
	range.protocol in {"-1", "all", "tcp", "6"}
	range.from_port <= port
	port <= range.to_port
}
