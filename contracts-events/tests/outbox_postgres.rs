//! outbox_postgres
