use contracts_client::RestClient;

/// A message, not declared with `#[command]` or `#[query]`.
pub struct Note {
    pub text: String,
}

async fn send(client: &RestClient) {
    let _ = client.call::<Note>(Note { text: "hi".into() }).await;
}

fn main() {
    let _ = send;
}
