//! Typed reading of an argument list: each attribute (and each nested list) declares the names
//! it accepts; unknown names get a "did you mean" suggestion, repeated names an error, and values
//! of the wrong form an error saying what form is expected.

use crate::args::{as_bracket_group, Arg, Item, Items, Value};
use crate::ctxt::Ctxt;
use crate::reference::{Reference, VersionModel};
use contracts_syntax::{edit_distance, is_close};
use proc_macro2::{Span, TokenStream};
use syn::spanned::Spanned as _;
use syn::{LitBool, LitInt, LitStr};

/// A value with the span of the literal it came from.
#[derive(Clone, Debug)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

/// A closed set of values accepted for one argument (auth, stability, kind, ...).
pub trait Choice: Sized + Copy + 'static {
    /// What the argument is called in messages ("auth", "stability").
    const WHAT: &'static str;
    /// Every accepted spelling and its value.
    const ALL: &'static [(&'static str, Self)];

    fn name(&self) -> &'static str
    where
        Self: PartialEq,
    {
        Self::ALL
            .iter()
            .find(|(_, v)| v == self)
            .map_or("", |(n, _)| n)
    }
}

/// Reads the arguments of one attribute or nested list.
///
/// The `known` names given to [`Reader::new`] are the one declaration of what the list accepts,
/// and they cannot drift from what the parser reads: reading a name that is not declared is
/// reported, and so is an accepted argument that nothing read (when the reader is dropped),
/// rather than silently ignored.
pub struct Reader<'c> {
    cx: &'c Ctxt,
    context: String,
    known: Vec<&'static str>,
    args: Vec<Option<Arg>>,
    positional: Vec<LitStr>,
    positional_taken: bool,
}

impl<'c> Reader<'c> {
    /// Starts reading `items` of `context` (such as `#[command]` or `policy(...)`), reporting
    /// names not in `known` and names given twice.
    pub fn new(
        cx: &'c Ctxt,
        context: impl Into<String>,
        items: Vec<Item>,
        known: &[&'static str],
    ) -> Self {
        let context = context.into();
        let mut args: Vec<Option<Arg>> = Vec::new();
        let mut positional = Vec::new();
        for item in items {
            match item {
                Item::Lit(lit) => positional.push(lit),
                Item::Arg(arg) => {
                    let name = arg.name();
                    if !known.contains(&name.as_str()) {
                        cx.error_spanned(arg.name_span(), unknown_message(&name, &context, known));
                    } else if args.iter().flatten().any(|a| a.name() == name) {
                        cx.error_spanned(
                            arg.name_span(),
                            format!("duplicate argument `{name}` in {context}: it is already given above; keep one"),
                        );
                    } else {
                        args.push(Some(arg));
                    }
                }
            }
        }
        Reader {
            cx,
            context,
            known: known.to_vec(),
            args,
            positional,
            positional_taken: false,
        }
    }

    /// Parses `tokens` as an argument list and starts reading it.
    pub fn parse(
        cx: &'c Ctxt,
        context: impl Into<String>,
        tokens: TokenStream,
        known: &[&'static str],
    ) -> Self {
        let items = match syn::parse2::<Items>(tokens) {
            Ok(Items(items)) => items,
            Err(e) => {
                cx.syn_error(e);
                Vec::new()
            }
        };
        Reader::new(cx, context, items, known)
    }

    pub fn cx(&self) -> &'c Ctxt {
        self.cx
    }

    /// Takes the argument `name`, if given.
    pub fn take(&mut self, name: &str) -> Option<Arg> {
        if !self.known.contains(&name) {
            self.cx.error_spanned(
                Span::call_site(),
                format!(
                    "internal error in contracts-macros: {} reads `{name}`, which it does not declare",
                    self.context
                ),
            );
            return None;
        }
        self.args
            .iter_mut()
            .find(|a| a.as_ref().is_some_and(|a| a.name() == name))
            .and_then(Option::take)
    }

    /// The positional string literals (`"a.b@1.0.0"` in `operation("a.b@1.0.0")`).
    pub fn positional(&mut self) -> Vec<LitStr> {
        self.positional_taken = true;
        std::mem::take(&mut self.positional)
    }

    /// Ends reading: reports what nobody read (see the `Drop` impl).
    pub fn finish(self) {}
}

impl Drop for Reader<'_> {
    /// Reports positional literals nobody asked for, and accepted arguments nobody read.
    fn drop(&mut self) {
        for arg in self.args.iter().flatten() {
            self.cx.error_spanned(
                arg.name_span(),
                format!(
                    "argument `{}` is not used by {}: remove it",
                    arg.name(),
                    self.context
                ),
            );
        }
        if !self.positional_taken {
            for lit in std::mem::take(&mut self.positional) {
                self.cx.error_spanned(
                    lit.span(),
                    format!(
                        "unexpected string in {}: arguments are written `name = value`",
                        self.context
                    ),
                );
            }
        }
    }
}

impl<'c> Reader<'c> {
    /// `name = "text"`.
    pub fn string(&mut self, name: &str) -> Option<LitStr> {
        let arg = self.take(name)?;
        self.expect_string(&arg)
    }

    fn expect_string(&self, arg: &Arg) -> Option<LitStr> {
        match &arg.value {
            Value::Assign(tokens) => match syn::parse2::<LitStr>(tokens.clone()) {
                Ok(lit) => Some(lit),
                Err(_) => {
                    self.cx.error_spanned(
                        tokens.span(),
                        format!(
                            "`{}` expects a string literal, as in `{} = \"...\"`",
                            arg.name(),
                            arg.name()
                        ),
                    );
                    None
                }
            },
            _ => {
                self.cx.error_spanned(
                    arg.name_span(),
                    format!(
                        "`{}` expects a string literal, as in `{} = \"...\"`",
                        arg.name(),
                        arg.name()
                    ),
                );
                None
            }
        }
    }

    /// `name = "text"`, where the text must not be empty.
    pub fn text(&mut self, name: &str) -> Option<LitStr> {
        let lit = self.string(name)?;
        if lit.value().trim().is_empty() {
            self.cx.error_spanned(
                lit.span(),
                format!("`{name}` cannot be empty: remove it or write the text"),
            );
            return None;
        }
        Some(lit)
    }

    /// `name = ["a", "b"]`.
    pub fn strings(&mut self, name: &str) -> Vec<LitStr> {
        let Some(arg) = self.take(name) else {
            return Vec::new();
        };
        let form = format!("`{name}` expects a list of strings, as in `{name} = [\"a\", \"b\"]`");
        let Value::Assign(tokens) = &arg.value else {
            self.cx.error_spanned(arg.name_span(), form);
            return Vec::new();
        };
        let Some(group) = as_bracket_group(tokens) else {
            self.cx.error_spanned(tokens.span(), form);
            return Vec::new();
        };
        let parser = syn::punctuated::Punctuated::<syn::Lit, syn::Token![,]>::parse_terminated;
        match syn::parse::Parser::parse2(parser, group.stream()) {
            Ok(lits) => lits
                .into_iter()
                .filter_map(|lit| match lit {
                    syn::Lit::Str(s) => Some(s),
                    other => {
                        self.cx.error_spanned(other.span(), form.clone());
                        None
                    }
                })
                .collect(),
            Err(e) => {
                self.cx.error_spanned(e.span(), form);
                Vec::new()
            }
        }
    }

    /// `name` (true), `name = true` or `name = false`.
    pub fn flag(&mut self, name: &str) -> Option<Spanned<bool>> {
        let arg = self.take(name)?;
        match &arg.value {
            Value::Flag => Some(Spanned::new(true, arg.name_span())),
            Value::Assign(tokens) => {
                match syn::parse2::<LitBool>(tokens.clone()) {
                    Ok(b) => Some(Spanned::new(b.value, b.span)),
                    Err(_) => {
                        self.cx.error_spanned(
                        tokens.span(),
                        format!("`{name}` expects `true` or `false`, or no value at all to mean `true`"),
                    );
                        None
                    }
                }
            }
            Value::List(_, span) => {
                self.cx
                    .error_spanned(*span, format!("`{name}` expects `true` or `false`"));
                None
            }
        }
    }

    /// `name = 123`, within `min..=max`.
    pub fn integer(&mut self, name: &str, min: u64, max: u64) -> Option<Spanned<u64>> {
        let arg = self.take(name)?;
        let form = format!("`{name}` expects a whole number from {min} to {max}");
        let Value::Assign(tokens) = &arg.value else {
            self.cx.error_spanned(arg.name_span(), form);
            return None;
        };
        match syn::parse2::<LitInt>(tokens.clone())
            .and_then(|i| Ok((i.base10_parse::<u64>()?, i.span())))
        {
            Ok((value, span)) if (min..=max).contains(&value) => Some(Spanned::new(value, span)),
            Ok((_, span)) => {
                self.cx.error_spanned(span, form);
                None
            }
            Err(_) => {
                self.cx.error_spanned(tokens.span(), form);
                None
            }
        }
    }

    /// `name = SomeType`.
    pub fn ty(&mut self, name: &str) -> Option<syn::Type> {
        let arg = self.take(name)?;
        match &arg.value {
            Value::Assign(tokens) => match syn::parse2::<syn::Type>(tokens.clone()) {
                Ok(ty) => Some(ty),
                Err(_) => {
                    self.cx.error_spanned(
                        tokens.span(),
                        format!("`{name}` expects a type, as in `{name} = MyType`"),
                    );
                    None
                }
            },
            _ => {
                self.cx.error_spanned(
                    arg.name_span(),
                    format!("`{name}` expects a type, as in `{name} = MyType`"),
                );
                None
            }
        }
    }

    /// `name(...)`: the nested items and the span of the parentheses.
    pub fn list(&mut self, name: &str) -> Option<(Vec<Item>, Span)> {
        let arg = self.take(name)?;
        match arg.value {
            Value::List(items, span) => Some((items, span)),
            _ => {
                self.cx.error_spanned(
                    arg.name_span(),
                    format!("`{name}` expects a parenthesized list, as in `{name}(...)`"),
                );
                None
            }
        }
    }

    /// `name = "one-of-the-choices"`.
    pub fn choice<T: Choice>(&mut self, name: &str) -> Option<Spanned<T>> {
        let lit = self.string(name)?;
        parse_choice(self.cx, &lit)
    }

    /// `name = ["choice", ...]`.
    pub fn choices<T: Choice>(&mut self, name: &str) -> Vec<Spanned<T>> {
        self.strings(name)
            .iter()
            .filter_map(|lit| parse_choice(self.cx, lit))
            .collect()
    }

    /// `name = "a.key"`: the key as written (`None` when absent) and, when it follows the key
    /// grammar, the key (a malformed key is reported).
    pub fn key(&mut self, name: &str) -> (Option<String>, Option<Spanned<String>>) {
        let Some(lit) = self.string(name) else {
            return (None, None);
        };
        (Some(lit.value()), check_key(self.cx, &lit))
    }

    /// `name = "1.2.3"`, checked against semver.
    pub fn version(&mut self, name: &str) -> Option<Spanned<VersionModel>> {
        let lit = self.string(name)?;
        check_version(self.cx, &lit)
    }

    /// `name = "key"` or `name = "key@version"`.
    pub fn reference(&mut self, name: &str) -> Option<Reference> {
        let lit = self.string(name)?;
        check_reference(self.cx, &lit)
    }

    /// `name = ["key@version", ...]`.
    pub fn references(&mut self, name: &str) -> Vec<Reference> {
        self.strings(name)
            .iter()
            .filter_map(|lit| check_reference(self.cx, lit))
            .collect()
    }
}

pub fn parse_choice<T: Choice>(cx: &Ctxt, lit: &LitStr) -> Option<Spanned<T>> {
    let text = lit.value();
    if let Some((_, value)) = T::ALL.iter().find(|(name, _)| *name == text) {
        return Some(Spanned::new(*value, lit.span()));
    }
    let names: Vec<&str> = T::ALL.iter().map(|(n, _)| *n).collect();
    let allowed = names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let hint = closest(&text, &names).map_or(String::new(), |n| format!(" (did you mean `{n}`?)"));
    cx.error_spanned(
        lit.span(),
        format!(
            "invalid {} `{text}`{hint}: expected one of {allowed}",
            T::WHAT
        ),
    );
    None
}

pub fn check_key(cx: &Ctxt, lit: &LitStr) -> Option<Spanned<String>> {
    let key = lit.value();
    match contracts_syntax::validate_key(&key) {
        Ok(()) => Some(Spanned::new(key, lit.span())),
        Err(e) => {
            let problem = match e {
                contracts_syntax::KeyError::InvalidChar { at } => {
                    let c = key[at..].chars().next().unwrap_or(' ');
                    format!("`{c}` is not allowed")
                }
                other => other.reason().to_owned(),
            };
            cx.error_spanned(
                lit.span(),
                format!(
                    "invalid key `{key}`: {problem}; a key is dot-separated segments of ASCII letters, digits and dashes, such as `control-plane.core` or `controlPlane.execution.start`"
                ),
            );
            None
        }
    }
}

pub fn check_version(cx: &Ctxt, lit: &LitStr) -> Option<Spanned<VersionModel>> {
    let version = lit.value();
    match VersionModel::parse(&version) {
        Ok(parsed) => Some(Spanned::new(parsed, lit.span())),
        Err(e) => {
            cx.error_spanned(
                lit.span(),
                format!(
                    "invalid version `{version}`: {}; write a semantic version such as `1.0.0` or `2.1.0-beta.1`",
                    e.reason()
                ),
            );
            None
        }
    }
}

pub fn check_reference(cx: &Ctxt, lit: &LitStr) -> Option<Reference> {
    let text = lit.value();
    match Reference::parse(&text, lit.span()) {
        Ok(reference) => Some(reference),
        Err(e) => {
            cx.error_spanned(
                lit.span(),
                format!(
                    "invalid reference `{text}`: {}. A reference is `key` or `key@version`, such as `control-plane.core@1.0.0`",
                    e.reason()
                ),
            );
            None
        }
    }
}

fn unknown_message(name: &str, context: &str, known: &[&str]) -> String {
    match closest(name, known) {
        Some(suggestion) => {
            format!("unknown argument `{name}` in {context}: did you mean `{suggestion}`?")
        }
        None => {
            let list = known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            format!("unknown argument `{name}` in {context}; expected one of {list}")
        }
    }
}

/// The candidate closest to `word`, if close enough to be a typo.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, _)| is_close(*d, word.len()))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::Reader;
    use crate::ctxt::Ctxt;
    use quote::quote;

    #[test]
    fn an_accepted_argument_nobody_reads_is_reported() {
        let cx = Ctxt::new();
        let mut reader = Reader::parse(&cx, "x(...)", quote!(a = "1", b = "2"), &["a", "b"]);
        assert_eq!(reader.string("a").map(|l| l.value()).as_deref(), Some("1"));
        reader.finish();
        assert_eq!(
            cx.into_messages(),
            vec!["argument `b` is not used by x(...): remove it".to_owned()]
        );
    }

    #[test]
    fn reading_an_undeclared_name_is_reported_not_ignored() {
        let cx = Ctxt::new();
        let mut reader = Reader::parse(&cx, "x(...)", quote!(a = "1"), &["a"]);
        assert!(reader.string("c").is_none());
        assert!(reader.string("a").is_some());
        drop(reader);
        assert_eq!(
            cx.into_messages(),
            vec![
                "internal error in contracts-macros: x(...) reads `c`, which it does not declare"
                    .to_owned()
            ]
        );
    }

    #[test]
    fn an_unknown_name_gets_a_suggestion_from_the_declared_ones() {
        let cx = Ctxt::new();
        let reader = Reader::parse(&cx, "x(...)", quote!(kye = "1"), &["key"]);
        drop(reader);
        assert_eq!(
            cx.into_messages(),
            vec!["unknown argument `kye` in x(...): did you mean `key`?".to_owned()]
        );
    }
}
