// `shop.order.cancel` is not declared. Its sibling `shop.order.place` only looks alike: the
// error says to declare it and suggests nothing. `shop.order.plce` is a typo of a declared key:
// the error says to declare it, then offers the likely fix.
use contracts_core::{capability, command, registry, Model};

/// Orders.
#[capability(key = "shop.orders", version = "1.0.0", kind = "api",
    provides(operation("shop.order.place@1.0.0"), operation("shop.order.cancel@1.0.0"),
        operation("shop.order.plce@1.0.0")))]
pub struct ShopOrders;

/// Place an order.
#[command(key = "shop.order.place", version = "1.0.0", capability = "shop.orders",
    output = Placed, policy(auth = "user"))]
#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct PlaceOrder {}

#[derive(serde::Serialize, serde::Deserialize, schemars::JsonSchema, Model)]
pub struct Placed {}

registry! {
    pub static REGISTRY;
    defaults(owners = ["team.shop"], stability = "beta");
    contracts(ShopOrders, PlaceOrder);
}

fn main() {}
