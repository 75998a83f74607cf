//! The serde attributes that change a type's wire shape: renames, skips, defaults, flattening
//! and transparency. `Model` must describe fields exactly as serde writes them.

use syn::{Attribute, LitStr};

/// serde's `rename_all` rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RenameRule {
    Lower,
    Upper,
    Pascal,
    Camel,
    Snake,
    ScreamingSnake,
    Kebab,
    ScreamingKebab,
}

impl RenameRule {
    fn parse(text: &str) -> Option<RenameRule> {
        Some(match text {
            "lowercase" => RenameRule::Lower,
            "UPPERCASE" => RenameRule::Upper,
            "PascalCase" => RenameRule::Pascal,
            "camelCase" => RenameRule::Camel,
            "snake_case" => RenameRule::Snake,
            "SCREAMING_SNAKE_CASE" => RenameRule::ScreamingSnake,
            "kebab-case" => RenameRule::Kebab,
            "SCREAMING-KEBAB-CASE" => RenameRule::ScreamingKebab,
            _ => return None,
        })
    }

    /// Renames a struct field (written in snake_case), as serde does.
    pub fn apply_to_field(self, field: &str) -> String {
        match self {
            RenameRule::Lower | RenameRule::Snake => field.to_owned(),
            RenameRule::Upper | RenameRule::ScreamingSnake => field.to_ascii_uppercase(),
            RenameRule::Pascal => {
                let mut out = String::new();
                let mut capitalize = true;
                for c in field.chars() {
                    if c == '_' {
                        capitalize = true;
                    } else if capitalize {
                        out.push(c.to_ascii_uppercase());
                        capitalize = false;
                    } else {
                        out.push(c);
                    }
                }
                out
            }
            RenameRule::Camel => {
                let pascal = RenameRule::Pascal.apply_to_field(field);
                let mut chars = pascal.chars();
                chars.next().map_or(String::new(), |c| {
                    c.to_ascii_lowercase().to_string() + chars.as_str()
                })
            }
            RenameRule::Kebab => field.replace('_', "-"),
            RenameRule::ScreamingKebab => field.to_ascii_uppercase().replace('_', "-"),
        }
    }

    /// Renames an enum variant (written in PascalCase), as serde does.
    pub fn apply_to_variant(self, variant: &str) -> String {
        match self {
            RenameRule::Pascal => variant.to_owned(),
            RenameRule::Lower => variant.to_ascii_lowercase(),
            RenameRule::Upper => variant.to_ascii_uppercase(),
            RenameRule::Camel => {
                let mut chars = variant.chars();
                chars.next().map_or(String::new(), |c| {
                    c.to_ascii_lowercase().to_string() + chars.as_str()
                })
            }
            RenameRule::Snake => {
                let mut out = String::new();
                for (i, c) in variant.char_indices() {
                    if i > 0 && c.is_uppercase() {
                        out.push('_');
                    }
                    out.push(c.to_ascii_lowercase());
                }
                out
            }
            RenameRule::ScreamingSnake => RenameRule::Snake
                .apply_to_variant(variant)
                .to_ascii_uppercase(),
            RenameRule::Kebab => RenameRule::Snake
                .apply_to_variant(variant)
                .replace('_', "-"),
            RenameRule::ScreamingKebab => RenameRule::ScreamingSnake
                .apply_to_variant(variant)
                .replace('_', "-"),
        }
    }
}

/// serde attributes of a container (struct or enum).
#[derive(Default)]
pub struct ContainerAttrs {
    pub rename_all: Option<RenameRule>,
    pub transparent: bool,
    pub default: bool,
}

/// serde attributes of a field or variant.
#[derive(Default)]
pub struct FieldAttrs {
    pub rename: Option<String>,
    pub skip: bool,
    pub default: bool,
    pub flatten: bool,
}

impl ContainerAttrs {
    pub fn read(attrs: &[Attribute]) -> syn::Result<ContainerAttrs> {
        let mut out = ContainerAttrs::default();
        for_each_serde_meta(attrs, |meta| {
            if meta.path.is_ident("rename_all") {
                out.rename_all = read_rename(&meta)?.and_then(|text| RenameRule::parse(&text));
            } else if meta.path.is_ident("transparent") {
                out.transparent = true;
            } else if meta.path.is_ident("default") {
                out.default = true;
                skip_value(&meta)?;
            } else {
                skip_value(&meta)?;
            }
            Ok(())
        })?;
        Ok(out)
    }
}

impl FieldAttrs {
    pub fn read(attrs: &[Attribute]) -> syn::Result<FieldAttrs> {
        let mut out = FieldAttrs::default();
        for_each_serde_meta(attrs, |meta| {
            if meta.path.is_ident("rename") {
                out.rename = read_rename(&meta)?;
            } else if meta.path.is_ident("skip") {
                out.skip = true;
            } else if meta.path.is_ident("default") {
                out.default = true;
                skip_value(&meta)?;
            } else if meta.path.is_ident("flatten") {
                out.flatten = true;
            } else {
                skip_value(&meta)?;
            }
            Ok(())
        })?;
        Ok(out)
    }
}

fn for_each_serde_meta(
    attrs: &[Attribute],
    mut f: impl FnMut(syn::meta::ParseNestedMeta) -> syn::Result<()>,
) -> syn::Result<()> {
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(&mut f)?;
    }
    Ok(())
}

/// `rename = "x"`, or `rename(serialize = "x", deserialize = "y")` (the serialized name wins).
fn read_rename(meta: &syn::meta::ParseNestedMeta) -> syn::Result<Option<String>> {
    if meta.input.peek(syn::Token![=]) {
        let lit: LitStr = meta.value()?.parse()?;
        return Ok(Some(lit.value()));
    }
    let mut name = None;
    meta.parse_nested_meta(|inner| {
        let lit: LitStr = inner.value()?.parse()?;
        if inner.path.is_ident("serialize") || name.is_none() {
            name = Some(lit.value());
        }
        Ok(())
    })?;
    Ok(name)
}

/// Consumes whatever value an attribute we do not interpret has.
fn skip_value(meta: &syn::meta::ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(syn::Token![=]) {
        let _: syn::Expr = meta.value()?.parse()?;
    } else if meta.input.peek(syn::token::Paren) {
        let _ = meta.parse_nested_meta(|inner| skip_value(&inner));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::RenameRule::*;

    #[test]
    fn renames_fields_like_serde() {
        assert_eq!(Camel.apply_to_field("created_at_utc"), "createdAtUtc");
        assert_eq!(Pascal.apply_to_field("created_at"), "CreatedAt");
        assert_eq!(ScreamingKebab.apply_to_field("a_b"), "A-B");
        assert_eq!(Camel.apply_to_field("id"), "id");
    }

    #[test]
    fn renames_variants_like_serde() {
        assert_eq!(Snake.apply_to_variant("InProgress"), "in_progress");
        assert_eq!(Camel.apply_to_variant("InProgress"), "inProgress");
        assert_eq!(ScreamingKebab.apply_to_variant("InProgress"), "IN-PROGRESS");
        assert_eq!(Lower.apply_to_variant("InProgress"), "inprogress");
    }
}
