//! The closed sets of values some arguments accept, each with its spellings and the
//! `contracts_core` item it generates.

use crate::reader::Choice;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

macro_rules! choices {
    ($( $(#[$doc:meta])* $name:ident ($what:literal) { $($text:literal => $variant:ident),+ $(,)? } )+) => {
        $(
            $(#[$doc])*
            #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
            pub enum $name { $($variant),+ }

            impl Choice for $name {
                const WHAT: &'static str = $what;
                const ALL: &'static [(&'static str, Self)] = &[$(($text, $name::$variant)),+];
            }

            impl $name {
                /// The `contracts_core` value this choice generates.
                pub fn tokens(&self) -> TokenStream {
                    let ty = format_ident!("{}", stringify!($name));
                    let variant = match self { $($name::$variant => format_ident!("{}", stringify!($variant))),+ };
                    quote!(::contracts_core::__private::#ty::#variant)
                }
            }
        )+
    };
}

choices! {
    /// `auth = "..."` of an operation policy.
    Auth("auth") { "anonymous" => Anonymous, "user" => User, "admin" => Admin }
    /// `stability = "..."` of any contract.
    Stability("stability") {
        "idea" => Idea, "in_creation" => InCreation, "experimental" => Experimental,
        "beta" => Beta, "stable" => Stable, "deprecated" => Deprecated,
    }
    /// `kind = "..."` of a capability.
    CapabilityKind("capability kind") {
        "api" => Api, "event" => Event, "data" => Data, "ui" => Ui, "integration" => Integration,
    }
    /// The surfaces of `provides(...)`.
    Surface("surface") {
        "operation" => Operation, "event" => Event, "presentation" => Presentation,
        "workflow" => Workflow, "resource" => Resource,
    }
    /// `rate_limit(key = "...")`.
    RateLimitKey("rate limit key") { "user" => User, "org" => Org, "global" => Global }
    /// `http(method = "...")` of an operation.
    HttpMethod("HTTP method") { "GET" => Get, "POST" => Post, "PUT" => Put, "PATCH" => Patch, "DELETE" => Delete }
    /// `escalate = "..."`.
    Escalation("escalation") { "human_review" => HumanReview }
    /// `targets = [...]` of a presentation.
    PresentationTarget("presentation target") {
        "react" => React, "markdown" => Markdown, "application/json" => Json, "application/xml" => Xml,
    }
    /// `view(kind = "...")` of a data view.
    ViewKind("view kind") { "list" => List, "detail" => Detail, "table" => Table, "grid" => Grid }
    /// `scope = "..."` of a policy.
    PolicyScope("policy scope") { "global" => Global, "feature" => Feature, "operation" => Operation }
    /// `effect = "..."` of a policy rule.
    PolicyEffect("policy effect") { "allow" => Allow, "deny" => Deny }
}
