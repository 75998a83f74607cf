//! Expansion tests: the plain expansion functions called on `quote!`d input. They check what is
//! generated and which errors are reported, without compiling the output; `ui-tests/` compiles it.

use crate::entry;
use crate::source::SourceInfo;
use proc_macro2::TokenStream;
use quote::quote;

fn expand(
    f: fn(TokenStream, TokenStream, &SourceInfo) -> TokenStream,
    args: TokenStream,
    item: TokenStream,
) -> String {
    f(args, item, &SourceInfo::default()).to_string()
}

/// The messages of the `compile_error!`s in an expansion.
fn errors(expansion: &str) -> Vec<String> {
    expansion
        .split("compile_error ! {")
        .skip(1)
        .map(|rest| {
            let start = rest.find('"').map_or(0, |i| i + 1);
            let end = rest[start..].find("\" }").map_or(rest.len(), |i| start + i);
            rest[start..end].replace("\\\"", "\"")
        })
        .collect()
}

#[test]
fn a_valid_command_implements_its_traits_and_emits_its_checks() {
    let out = expand(
        entry::command,
        quote!(
            key = "runs.run.start",
            version = "1.0.0",
            capability = "runs.execution",
            output = Started,
            emits(RunStarted(when = "It starts.")),
            policy(auth = "user", pii = ["email"])
        ),
        quote!(
            /// Start a run.
            pub struct StartRun {
                pub email: String,
            }
        ),
    );
    assert!(errors(&out).is_empty(), "{:?}", errors(&out));
    for expected in [
        "impl :: contracts_core :: Operation for StartRun",
        "type Output = Started",
        "impl :: contracts_core :: Command for StartRun",
        "impl :: contracts_core :: Emits < RunStarted > for StartRun",
        "description : \"Start a run.\"",
        "checks :: literal :: declared_once (& crate :: __contracts :: REGISTRY , \"runs.run.start\" , \"1.0.0\" ,",
        "checks :: literal :: capability_claim (& crate :: __contracts :: REGISTRY , \"runs.execution\" , \"\" ,",
        "checks :: field_path",
        "Declaration :: __hashed (:: contracts_core :: Contract :: Operation (& __CONTRACT_DESCRIPTOR_StartRun) ,",
    ] {
        assert!(out.contains(expected), "missing `{expected}` in {out}");
    }
}

#[test]
fn every_argument_error_is_reported_in_one_expansion() {
    let out = expand(
        entry::command,
        quote!(
            kye = "a.b",
            version = "1.0",
            output = O,
            capabilty = "c",
            policy(auth = "root")
        ),
        quote!(
            /// Doc.
            pub struct X;
        ),
    );
    let errors = errors(&out);
    assert!(
        errors
            .iter()
            .any(|e| e.contains("unknown argument `kye` in #[command]: did you mean `key`?")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("did you mean `capability`?")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("invalid version `1.0`")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("invalid auth `root`")),
        "{errors:?}"
    );
}

#[test]
fn an_invalid_attribute_still_emits_the_item_and_an_invalid_declaration_without_checks() {
    let out = expand(
        entry::capability,
        quote!(key = "runs.execution", version = "1.0.0", kind = "apii"),
        quote!(
            /// Runs.
            pub struct RunsExecution;
        ),
    );
    assert_eq!(errors(&out).len(), 1);
    assert!(out.contains("pub struct RunsExecution"));
    assert!(out.contains(
        "Declaration :: Invalid { key : :: core :: option :: Option :: Some (\"runs.execution\") , version : :: core :: option :: Option :: Some (\"1.0.0\") }"
    ));
    assert!(out.contains("impl :: contracts_core :: Capability for RunsExecution"));
    assert!(
        !out.contains("checks ::"),
        "no check may run on an invalid declaration"
    );
}

#[test]
fn a_query_cannot_be_non_idempotent_and_is_always_idempotent() {
    let out = expand(
        entry::query,
        quote!(
            key = "runs.run.get",
            version = "1.0.0",
            output = Run,
            policy(auth = "user", idempotent = false)
        ),
        quote!(
            /// Get.
            pub struct GetRun;
        ),
    );
    assert!(errors(&out)[0].starts_with("query `runs.run.get` cannot set `idempotent = false`"));
    let out = expand(
        entry::query,
        quote!(
            key = "runs.run.get",
            version = "1.0.0",
            output = Run,
            policy(auth = "user")
        ),
        quote!(
            /// Get.
            pub struct GetRun;
        ),
    );
    assert!(out.contains("idempotent : true"));
}

#[test]
fn a_missing_description_or_policy_is_an_error_naming_the_fix() {
    let out = expand(
        entry::command,
        quote!(key = "a.b", version = "1.0.0", output = O),
        quote!(
            pub struct X;
        ),
    );
    let errors = errors(&out);
    assert!(
        errors
            .iter()
            .any(|e| e.contains("has no description: add a doc comment")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("needs a policy stating who may call it")),
        "{errors:?}"
    );
}

#[test]
fn generic_and_non_struct_items_are_rejected() {
    let out = expand(
        entry::event,
        quote!(key = "a.b", version = "1.0.0"),
        quote!(
            /// Doc.
            pub struct E<T>(T);
        ),
    );
    assert!(errors(&out)[0].contains("cannot be used on a generic type"));
    let out = expand(
        entry::event,
        quote!(key = "a.b", version = "1.0.0"),
        quote!(
            fn f() {}
        ),
    );
    assert!(errors(&out)[0].contains("#[event] applies to a struct or enum"));
}

#[test]
fn versions_and_references_are_emitted_pre_parsed() {
    let out = expand(
        entry::event,
        quote!(
            key = "a.b",
            version = "2.1.0-rc.1",
            capability = "c.d@1.2.3"
        ),
        quote!(
            /// Doc.
            pub struct E;
        ),
    );
    assert!(
        out.contains(
            "Version :: __from_parts (\"2.1.0-rc.1\" , 2u64 , 1u64 , 0u64 , \"rc.1\" , \"\")"
        ),
        "{out}"
    );
    assert!(
        out.contains("ContractRef { key : \"c.d\" , version : :: core :: option :: Option :: Some"),
        "{out}"
    );
    assert!(!out.contains("from_static"));
}

#[test]
fn registry_sections_are_checked() {
    let out =
        entry::registry(quote!(pub static R; defaults(owners = ["x"]); contrats(A);)).to_string();
    assert!(errors(&out)[0]
        .contains("unknown section `contrats` in registry! (did you mean `contracts`?)"));
    let out = entry::registry(quote!(pub static R; contracts(A); contracts(B);)).to_string();
    assert!(errors(&out)[0].contains("duplicate section `contracts`"));
    // Even unparsable input leaves the paths the crate's contracts refer to.
    let out = entry::registry(quote!(this is not a registry)).to_string();
    assert!(out.contains("mod __contracts"));
}

#[test]
fn model_derive_follows_serde_renames() {
    let out = entry::derive_model(quote!(
        #[serde(rename_all = "camelCase")]
        pub struct M {
            pub created_at: String,
            #[serde(rename = "ID")]
            pub id: String,
            #[serde(skip)]
            pub cache: String,
            #[serde(default)]
            pub count: i64,
        }
    ))
    .to_string();
    assert!(out.contains("name : \"createdAt\""));
    assert!(out.contains("name : \"ID\""));
    assert!(!out.contains("\"cache\""));
    assert!(out.contains("has_default : true"));
}

#[test]
fn error_catalog_codes_default_to_the_variant_and_must_be_unique() {
    let out = entry::derive_error_catalog(quote!(
        enum E {
            /// Missing.
            #[contract_error(http = 404)]
            PlanNotFound,
            /// Again.
            #[contract_error(code = "PLAN_NOT_FOUND", http = 700)]
            Other,
        }
    ))
    .to_string();
    assert!(out.contains("code : \"PLAN_NOT_FOUND\""));
    let errors = errors(&out);
    assert!(
        errors
            .iter()
            .any(|e| e.contains("error code `PLAN_NOT_FOUND` is declared twice")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("expects a whole number from 400 to 599")),
        "{errors:?}"
    );
}

#[test]
fn error_catalog_codes_decode_to_their_unit_variants() {
    let out = entry::derive_error_catalog(quote!(
        enum E {
            /// Missing.
            #[contract_error(http = 404)]
            PlanNotFound,
            /// Renamed.
            #[contract_error(code = "PLAN_LOCKED", http = 409)]
            Locked,
            /// Carries data.
            #[contract_error(http = 400)]
            WithData(u8),
        }
    ))
    .to_string();
    assert!(out
        .contains("\"PLAN_NOT_FOUND\" => :: core :: option :: Option :: Some (E :: PlanNotFound)"));
    assert!(out.contains("\"PLAN_LOCKED\" => :: core :: option :: Option :: Some (E :: Locked)"));
    // A variant with data has no decoder: only its own error is reported.
    assert!(!out.contains("Some (E :: WithData)"), "{out}");
    let errors = errors(&out);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("must be a unit variant"), "{errors:?}");
}

/// The errors a typed capability model gets from its cross-argument checks.
fn capability_errors(args: TokenStream) -> Vec<String> {
    use crate::ctxt::Ctxt;
    use crate::parse::capability::CapabilityModel;
    use crate::parse::item::AnnotatedItem;
    let cx = Ctxt::new();
    let item = AnnotatedItem::parse(
        &cx,
        "capability",
        quote!(
            /// Lookups.
            pub struct GeoLookup;
        ),
    )
    .expect("a unit struct is an item");
    let model = CapabilityModel::parse(&cx, args, &item);
    crate::check::capability(&cx, &model);
    cx.into_messages()
}

#[test]
fn another_version_of_the_own_key_is_not_a_self_reference() {
    let errors = capability_errors(quote!(
        key = "geo.lookup",
        version = "2.0.0",
        kind = "api",
        extends = "geo.lookup@1.0.0",
        requires(capability("geo.lookup@1.0.0"))
    ));
    assert_eq!(errors, Vec::<String>::new());
}

#[test]
fn the_own_version_or_the_own_key_unpinned_is_a_self_reference() {
    let errors = capability_errors(quote!(
        key = "geo.lookup",
        version = "2.0.0",
        kind = "api",
        extends = "geo.lookup@2.0.0",
        requires(capability("geo.lookup"))
    ));
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0]
            .starts_with("capability `geo.lookup@2.0.0` requires `geo.lookup` without a version"),
        "{errors:?}"
    );
    assert!(
        errors[1].starts_with("capability `geo.lookup@2.0.0` extends itself"),
        "{errors:?}"
    );
}

#[test]
fn a_path_listed_twice_in_a_registry_is_reported_and_kept_once() {
    use crate::ctxt::Ctxt;
    use crate::parse::registry::RegistryModel;
    let cx = Ctxt::new();
    let model = RegistryModel::parse(
        &cx,
        quote!(pub static REGISTRY; contracts(RunStarted, runs::RunStopped, RunStarted);),
    )
    .expect("a registry");
    let expected: Vec<syn::Path> = vec![
        syn::parse_quote!(RunStarted),
        syn::parse_quote!(runs::RunStopped),
    ];
    assert_eq!(model.contracts, expected);
    assert!(model.listing_valid);
    assert!(cx.has_errors());
}

#[test]
fn a_broken_declaration_keeps_its_key_and_version_as_written() {
    let out: syn::File = syn::parse_str(&expand(
        entry::event,
        quote!(key = "runs.run_started", version = "1.0.0"),
        quote!(
            /// A run started.
            pub struct RunStarted {}
        ),
    ))
    .expect("the expansion is a file");
    let declaration = out
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Impl(i)
                if i.trait_.as_ref().is_some_and(|(p, _)| {
                    p.segments.last().is_some_and(|s| s.ident == "Declared")
                }) =>
            {
                i.items.iter().find_map(|item| match item {
                    syn::ImplItem::Const(c) => Some(c.expr.clone()),
                    _ => None,
                })
            }
            _ => None,
        })
        .expect("an impl of Declared");
    let expected: syn::Expr = syn::parse_quote!(::contracts_core::Declaration::Invalid {
        key: ::core::option::Option::Some("runs.run_started"),
        version: ::core::option::Option::Some("1.0.0")
    });
    assert_eq!(declaration, expected);
}
