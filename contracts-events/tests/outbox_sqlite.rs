//! outbox_sqlite
