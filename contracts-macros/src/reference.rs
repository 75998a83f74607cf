//! Keys, versions and references parsed once, at reading, into typed values that keep the span
//! of their literal: validation, checks and generation all read these, never the text again.

use proc_macro2::{Span, TokenStream};
use quote::{quote, ToTokens};

/// A semantic version, parsed: its text and the parts generation emits pre-parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionModel {
    pub text: String,
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
    pub pre: String,
    pub build: String,
}

impl VersionModel {
    /// Parses `text`, or says why it is not a version.
    pub fn parse(text: &str) -> Result<VersionModel, contracts_syntax::VersionError> {
        contracts_syntax::Version::parse(text).map(|v| VersionModel::of(&v))
    }

    fn of(v: &contracts_syntax::Version<'_>) -> VersionModel {
        VersionModel {
            text: v.as_str().to_owned(),
            major: v.major(),
            minor: v.minor(),
            patch: v.patch(),
            pre: v.pre().to_owned(),
            build: v.build().to_owned(),
        }
    }

    /// What a broken declaration without a valid version carries; never shown in a message.
    pub fn placeholder() -> VersionModel {
        VersionModel {
            text: "0.0.0".to_owned(),
            major: 0,
            minor: 0,
            patch: 0,
            pre: String::new(),
            build: String::new(),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// `Version::__from_parts(...)`: the version, with no parsing left for `const` evaluation.
impl ToTokens for VersionModel {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let VersionModel {
            text,
            major,
            minor,
            patch,
            pre,
            build,
        } = self;
        tokens.extend(quote!(::contracts_core::__private::Version::__from_parts(#text, #major, #minor, #patch, #pre, #build)));
    }
}

/// A reference to a contract, `key` or `key@version`, parsed, with the span of its literal.
#[derive(Clone, Debug)]
pub struct Reference {
    pub key: String,
    pub version: Option<VersionModel>,
    pub span: Span,
}

impl Reference {
    /// Parses `text`, or says why it is not a reference.
    pub fn parse(text: &str, span: Span) -> Result<Reference, contracts_syntax::ReferenceError> {
        let parsed = contracts_syntax::ContractRef::parse(text)?;
        Ok(Reference {
            key: parsed.key.to_owned(),
            version: parsed.version.as_ref().map(VersionModel::of),
            span,
        })
    }

    /// The version's text, `""` when the reference names none (as the checks take it).
    pub fn version_text(&self) -> &str {
        self.version.as_ref().map_or("", VersionModel::as_str)
    }
}

impl std::fmt::Display for Reference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.version {
            Some(version) => write!(f, "{}@{}", self.key, version.text),
            None => f.write_str(&self.key),
        }
    }
}

/// `ContractRef { key, version }`, pre-parsed.
impl ToTokens for Reference {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let key = &self.key;
        let version = match &self.version {
            Some(v) => quote!(::core::option::Option::Some(#v)),
            None => quote!(::core::option::Option::None),
        };
        tokens.extend(
            quote!(::contracts_core::__private::ContractRef { key: #key, version: #version }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_reference_once_into_its_parts() {
        let r = Reference::parse("geo.lookup@2.1.0-beta.1", Span::call_site()).unwrap();
        assert_eq!(r.key, "geo.lookup");
        let v = r.version.as_ref().unwrap();
        assert_eq!((v.major, v.minor, v.patch), (2, 1, 0));
        assert_eq!(v.pre, "beta.1");
        assert_eq!(r.version_text(), "2.1.0-beta.1");
        assert_eq!(r.to_string(), "geo.lookup@2.1.0-beta.1");
        let unpinned = Reference::parse("geo.lookup", Span::call_site()).unwrap();
        assert!(unpinned.version.is_none());
        assert_eq!(unpinned.version_text(), "");
        assert!(Reference::parse("geo_lookup@1", Span::call_site()).is_err());
    }

    #[test]
    fn emits_the_parsed_parts() {
        let r = Reference::parse("geo.lookup@1.2.3", Span::call_site()).unwrap();
        let emitted: syn::Expr = syn::parse2(r.to_token_stream()).unwrap();
        let expected: syn::Expr = syn::parse_quote!(::contracts_core::__private::ContractRef {
            key: "geo.lookup",
            version: ::core::option::Option::Some(
                ::contracts_core::__private::Version::__from_parts(
                    "1.2.3", 1u64, 2u64, 3u64, "", ""
                )
            )
        });
        assert_eq!(emitted, expected);
    }
}
