package stance.rds.snapshot_not_public_test

import data.stance.rds.snapshot_not_public as check

snapshot(public, cluster) := {
	"resource_type": "rds_snapshot",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:snapshot:orders-2026-01-01", "account_id": "111111111111", "region": "us-east-1"},
	"snapshot_identifier": "orders-2026-01-01",
	"cluster_snapshot": cluster,
	"snapshot_type": "manual",
	"encrypted": true,
	"public": public,
}

test_pass_private if check.compliant with input as snapshot(false, false)

test_fail_public_instance_snapshot if {
	not check.compliant with input as snapshot(true, false)
	check.message == "DB snapshot orders-2026-01-01 is restorable by every AWS account" with input as snapshot(true, false)
}

test_fail_public_cluster_snapshot if {
	not check.compliant with input as snapshot(true, true)
	check.message == "DB cluster snapshot orders-2026-01-01 is restorable by every AWS account" with input as snapshot(true, true)
}
