package stance.rds.snapshot_encrypted_test

import data.stance.rds.snapshot_encrypted as check

snapshot(encrypted) := {
	"resource_type": "rds_snapshot",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:cluster-snapshot:rds:ledger-2026-01-01", "account_id": "111111111111", "region": "us-east-1"},
	"snapshot_identifier": "rds:ledger-2026-01-01",
	"cluster_snapshot": true,
	"snapshot_type": "automated",
	"encrypted": encrypted,
	"public": false,
}

test_pass_encrypted if check.compliant with input as snapshot(true)

test_fail_unencrypted if {
	not check.compliant with input as snapshot(false)
	check.message == "DB cluster snapshot rds:ledger-2026-01-01 (automated) is not encrypted" with input as snapshot(false)
}

test_fail_unknown_type if {
	s := object.union(snapshot(false), {"snapshot_type": "", "cluster_snapshot": false, "snapshot_identifier": "s1"})
	check.message == "DB snapshot s1 is not encrypted" with input as s
}
