//! The typed REST client calls each operation at its bound method and path: path parameters
//! taken from the input, the rest in the body or the query string, the bare output read back,
//! the bound status accepted with or without the envelope.

use contracts_axum::RestApi;
use contracts_client::RestClient;
use contracts_core::{command, query, registry, Model};
use contracts_runtime::{Ctx, Failure, Reply, Runtime, SuccessCode};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Get a loan.
#[query(key = "lib.loan.get", version = "1.0.0", output = Loan,
    http(path = "/loans/{loanId}", envelope = false), policy(auth = "anonymous"))]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GetLoan {
    pub loan_id: u64,
    pub verbose: Option<bool>,
}

/// Open a loan.
#[command(key = "lib.loan.open", version = "1.0.0", output = Loan,
    http(method = "PUT", path = "/loans/{loanId}", status = 201, envelope = false),
    policy(auth = "anonymous"))]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OpenLoan {
    pub loan_id: u64,
    pub reader: String,
}

/// Renew a loan: the envelope, at a bound status its handler's code does not have.
#[command(key = "lib.loan.renew", version = "1.0.0", output = Loan,
    http(method = "PATCH", path = "/loans/{loanId}/renewal", status = 200),
    policy(auth = "anonymous"))]
#[derive(Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RenewLoan {
    pub loan_id: u64,
}

/// A loan.
#[derive(Debug, PartialEq, Serialize, Deserialize, JsonSchema, Model)]
#[serde(rename_all = "camelCase")]
pub struct Loan {
    pub loan_id: u64,
    pub reader: String,
}

registry! {
    pub static LIBRARY;
    defaults(owners = ["team.library"], stability = "beta");
    contracts(GetLoan, OpenLoan, RenewLoan);
}

async fn get(input: GetLoan, _ctx: Ctx<GetLoan>) -> Result<Loan, Failure> {
    let reader = if input.verbose == Some(true) {
        "Ada Lovelace"
    } else {
        "ada"
    };
    Ok(Loan {
        loan_id: input.loan_id,
        reader: reader.to_owned(),
    })
}

async fn open(input: OpenLoan, _ctx: Ctx<OpenLoan>) -> Result<Loan, Failure> {
    Ok(Loan {
        loan_id: input.loan_id,
        reader: input.reader,
    })
}

async fn renew(input: RenewLoan, _ctx: Ctx<RenewLoan>) -> Result<Reply<Loan>, Failure> {
    Ok(Reply::created(Loan {
        loan_id: input.loan_id,
        reader: "ada".to_owned(),
    }))
}

#[tokio::test]
async fn the_client_follows_each_binding() {
    let mut runtime = Runtime::new(&LIBRARY);
    runtime
        .bind::<GetLoan>(get)
        .unwrap()
        .bind::<OpenLoan>(open)
        .unwrap()
        .bind::<RenewLoan>(renew)
        .unwrap();
    let router = RestApi::new(runtime).into_router().unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let server = tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    let client = RestClient::new(&format!("http://{address}"), &LIBRARY);

    let opened = client
        .call::<OpenLoan>(OpenLoan {
            loan_id: 7,
            reader: "bob".to_owned(),
        })
        .await
        .unwrap();
    assert_eq!(
        *opened.output(),
        Loan {
            loan_id: 7,
            reader: "bob".to_owned()
        }
    );
    assert_eq!(opened.code(), SuccessCode::Created);
    assert_eq!(opened.trace_id().as_str().len(), 32);

    let got = client
        .call::<GetLoan>(GetLoan {
            loan_id: 7,
            verbose: Some(true),
        })
        .await
        .unwrap();
    assert_eq!(got.output().reader, "Ada Lovelace");

    let renewed = client
        .call::<RenewLoan>(RenewLoan { loan_id: 7 })
        .await
        .unwrap();
    assert_eq!(renewed.output().loan_id, 7);
    assert_eq!(renewed.code(), SuccessCode::Created, "the envelope's code");
    server.abort();
}
