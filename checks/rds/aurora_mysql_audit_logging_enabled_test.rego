package stance.rds.aurora_mysql_audit_logging_enabled_test

import data.stance.rds.aurora_mysql_audit_logging_enabled as check

cluster(engine, parameters) := {
	"resource_type": "rds_db_cluster",
	"meta": {"id": "arn:aws:rds:us-east-1:111111111111:cluster:ledger", "account_id": "111111111111", "region": "us-east-1"},
	"db_cluster_identifier": "ledger",
	"engine": engine,
	"parameters": parameters,
}

test_pass_enabled if check.compliant with input as cluster("aurora-mysql", {"server_audit_logging": "1", "server_audit_events": "CONNECT,QUERY_DDL"})

test_fail_disabled if {
	not check.compliant with input as cluster("aurora-mysql", {"server_audit_logging": "0", "server_audit_events": "CONNECT"})
	check.message == "Aurora MySQL DB cluster ledger does not have audit logging enabled (server_audit_logging=0, server_audit_events=\"CONNECT\")" with input as cluster("aurora-mysql", {"server_audit_logging": "0", "server_audit_events": "CONNECT"})
}

test_fail_no_events if not check.compliant with input as cluster("aurora-mysql", {"server_audit_logging": "1", "server_audit_events": ""})

test_fail_unset if not check.compliant with input as cluster("aurora-mysql", {})

test_not_applicable_postgres if check.not_applicable with input as cluster("aurora-postgresql", {})
