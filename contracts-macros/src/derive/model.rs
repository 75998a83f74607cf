//! `#[derive(Model)]`: the wire shape of a struct or enum, as serde writes it.

use super::serde_attrs::{ContainerAttrs, FieldAttrs};
use crate::ctxt::Ctxt;
use crate::parse::item::doc_comment;
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields};

pub fn derive(input: DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let container = ContainerAttrs::read(&input.attrs).unwrap_or_else(|e| {
        cx.syn_error(e);
        ContainerAttrs::default()
    });
    let shape = shape(&cx, &input, &container);
    let ident = &input.ident;
    let mut generics = input.generics.clone();
    for param in generics.type_params_mut() {
        param
            .bounds
            .push(syn::parse_quote!(::contracts_core::Model));
    }
    let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
    let errors = cx.into_compile_errors();
    // One item, no static and no `const _` block around it: every body generated is one more for
    // the compiler to check, and a crate may derive this on hundreds of types.
    let body = match shape {
        Shape::Info(info) => quote! {
            impl #impl_generics ::contracts_core::Model for #ident #ty_generics #where_clause {
                const SHAPE: ::contracts_core::FieldShape = ::contracts_core::FieldShape::of(&#info);
            }
        },
        Shape::Inner(inner) => quote! {
            impl #impl_generics ::contracts_core::Model for #ident #ty_generics #where_clause {
                const SHAPE: ::contracts_core::FieldShape = #inner;
            }
        },
    };
    quote! {
        #body
        #errors
    }
}

enum Shape {
    /// A `ModelInfo` expression.
    Info(TokenStream),
    /// The `FieldShape` of a wrapped type (newtypes and `#[serde(transparent)]`).
    Inner(TokenStream),
}

fn shape(cx: &Ctxt, input: &DeriveInput, container: &ContainerAttrs) -> Shape {
    let name = input.ident.to_string();
    let description = match doc_comment(&input.attrs) {
        Some(doc) => quote!(::core::option::Option::Some(#doc)),
        None => quote!(::core::option::Option::None),
    };
    let info = |kind: TokenStream| {
        Shape::Info(
            quote!(::contracts_core::ModelInfo { name: #name, description: #description, kind: #kind }),
        )
    };
    let opaque = || info(quote!(::contracts_core::ModelKind::Opaque));
    match &input.data {
        Data::Struct(data) => {
            let fields: Vec<&syn::Field> = data.fields.iter().collect();
            let wire_fields: Vec<(&syn::Field, FieldAttrs)> = fields
                .iter()
                .filter_map(|f| {
                    let attrs = FieldAttrs::read(&f.attrs).unwrap_or_else(|e| {
                        cx.syn_error(e);
                        FieldAttrs::default()
                    });
                    (!attrs.skip).then_some((*f, attrs))
                })
                .collect();
            let newtype = matches!(data.fields, Fields::Unnamed(_)) && fields.len() == 1;
            if container.transparent || newtype {
                return match wire_fields.as_slice() {
                    [(field, _)] => Shape::Inner(field_shape(cx, field)),
                    _ => opaque(),
                };
            }
            match &data.fields {
                Fields::Named(_) => {
                    let infos =
                        wire_fields.iter().map(|(field, attrs)| {
                            let rust_name = field
                                .ident
                                .as_ref()
                                .map(|i| i.to_string())
                                .unwrap_or_default();
                            let rust_name = rust_name
                                .strip_prefix("r#")
                                .unwrap_or(&rust_name)
                                .to_owned();
                            let wire = attrs.rename.clone().unwrap_or_else(|| {
                                match container.rename_all {
                                    Some(rule) => rule.apply_to_field(&rust_name),
                                    None => rust_name,
                                }
                            });
                            let description = match doc_comment(&field.attrs) {
                                Some(doc) => quote!(::core::option::Option::Some(#doc)),
                                None => quote!(::core::option::Option::None),
                            };
                            let shape = field_shape(cx, field);
                            let has_default = attrs.default || container.default;
                            let flatten = attrs.flatten;
                            quote! {
                                ::contracts_core::FieldInfo {
                                    name: #wire,
                                    description: #description,
                                    shape: #shape,
                                    has_default: #has_default,
                                    flatten: #flatten,
                                }
                            }
                        });
                    info(quote!(::contracts_core::ModelKind::Struct(&[#(#infos),*])))
                }
                Fields::Unit => info(quote!(::contracts_core::ModelKind::Scalar)),
                Fields::Unnamed(_) => opaque(),
            }
        }
        Data::Enum(data) => {
            if data
                .variants
                .iter()
                .all(|v| matches!(v.fields, Fields::Unit))
            {
                let names = data.variants.iter().filter_map(|v| {
                    let attrs = FieldAttrs::read(&v.attrs).unwrap_or_else(|e| {
                        cx.syn_error(e);
                        FieldAttrs::default()
                    });
                    if attrs.skip {
                        return None;
                    }
                    let variant = v.ident.to_string();
                    Some(attrs.rename.unwrap_or_else(|| match container.rename_all {
                        Some(rule) => rule.apply_to_variant(&variant),
                        None => variant,
                    }))
                });
                info(quote!(::contracts_core::ModelKind::Enum(&[#(#names),*])))
            } else {
                opaque()
            }
        }
        Data::Union(u) => {
            cx.error_spanned(u.union_token.span, "Model cannot be derived for a union");
            opaque()
        }
    }
}

/// The shape of a field: its type's `Model::SHAPE`, or opaque with `#[model(opaque)]`.
fn field_shape(cx: &Ctxt, field: &syn::Field) -> TokenStream {
    let mut opaque = false;
    for attr in field.attrs.iter().filter(|a| a.path().is_ident("model")) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("opaque") {
                opaque = true;
                Ok(())
            } else {
                Err(meta.error("unknown model attribute; the only one is `#[model(opaque)]`"))
            }
        });
        if let Err(e) = result {
            cx.syn_error(e);
        }
    }
    if opaque {
        return quote!(::contracts_core::__private::OPAQUE_SHAPE);
    }
    let ty = &field.ty;
    quote_spanned!(ty.span()=> <#ty as ::contracts_core::Model>::SHAPE)
}
