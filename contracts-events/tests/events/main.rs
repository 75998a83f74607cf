//! The events crate against real components: the official CloudEvents schema, SQLite,
//! PostgreSQL and nats-server (started by the tests; see `support::servers`).
//!
//! One test binary, so that the contracts below are declared once and the servers' clients
//! are linked once.

mod support;

mod cloud_events;
mod faults;
mod jetstream;
mod outbox_postgres;
mod outbox_sqlite;

use contracts_core::{command, consumer, event, registry, Model};

/// An order was placed.
#[event(key = "orders.order.placed", version = "1.0.0", pii = ["email"])]
#[derive(
    Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model,
)]
#[serde(deny_unknown_fields)]
pub struct OrderPlaced {
    /// The order.
    pub order_id: String,
    /// Who placed it.
    pub email: String,
    /// Its amount.
    pub amount_cents: u64,
}

/// Place an order: the order row and its `OrderPlaced` commit together.
#[command(key = "orders.order.place", version = "1.0.0", output = String,
    emits(OrderPlaced(when = "The order is stored.")), policy(auth = "anonymous"))]
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct PlaceOrder {
    /// The order.
    pub order_id: String,
    /// Who places it.
    pub email: String,
    /// Its amount.
    pub amount_cents: u64,
    /// Fail after writing (the transaction rolls back).
    #[serde(default)]
    pub fail: bool,
}

/// Bills placed orders.
#[consumer(key = "billing.order.bill", version = "1.0.0", event = OrderPlaced)]
pub struct BillOrder;

registry! {
    pub static ORDERS;
    defaults(owners = ["team.orders"], stability = "beta");
    contracts(OrderPlaced, PlaceOrder, BillOrder);
}

impl PlaceOrder {
    /// An order `n` that succeeds.
    pub fn numbered(n: usize) -> PlaceOrder {
        PlaceOrder {
            order_id: format!("o-{n}"),
            email: format!("buyer{n}@example.com"),
            amount_cents: 100 + n as u64,
            fail: false,
        }
    }

    /// Its event.
    pub fn placed(&self) -> OrderPlaced {
        OrderPlaced {
            order_id: self.order_id.clone(),
            email: self.email.clone(),
            amount_cents: self.amount_cents,
        }
    }
}

/// Orders' subjects are their ids.
pub fn subjects() -> contracts_events::Subjects {
    contracts_events::Subjects::new()
        .with::<OrderPlaced>("order_id")
        .expect("order_id is a field")
}
