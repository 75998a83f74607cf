use contracts_client::{CallError, RestClient};
use contracts_core::ErrorCatalog;
use contracts_harness::commands::HarnessRunStartInput;

/// The errors of another operation.
#[derive(Debug, ErrorCatalog)]
pub enum PlaceOrderError {
    /// No stock left.
    #[contract_error(http = 409)]
    OutOfStock,
}

async fn start(client: &RestClient, input: HarnessRunStartInput) -> bool {
    // `harness.run.start` declares `HarnessRunStartError`: its failures cannot be another
    // operation's errors.
    matches!(
        client.call::<HarnessRunStartInput>(input).await,
        Err(CallError::Declared(PlaceOrderError::OutOfStock, _))
    )
}

fn main() {
    let _ = start;
}
