//! Generates a form on its model struct.

use super::common::{self, field_path_check, opt_str};
use crate::parse::form::FormModel;
use crate::parse::item::AnnotatedItem;
use crate::source::SourceInfo;
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

pub fn expand(
    form: &FormModel,
    item: &AnnotatedItem,
    source: &SourceInfo,
    valid: bool,
) -> TokenStream {
    let ident = &item.ident;
    let meta = common::meta(&form.meta, source);
    let model =
        quote_spanned!(ident.span()=> ::contracts_core::__private::ModelRef::of::<#ident>());
    let fields = form.fields.iter().map(|f| {
        let kind = &f.kind;
        let name = &f.name.value;
        let label = opt_str(&f.label);
        let placeholder = opt_str(&f.placeholder);
        quote!(::contracts_core::__private::FormField { kind: #kind, name: #name, label_i18n: #label, placeholder_i18n: #placeholder })
    });
    let actions = form.actions.iter().map(|a| {
        let key = &a.key;
        let label = &a.label;
        let op = &a.op;
        quote!(::contracts_core::__private::FormAction { key: #key, label_i18n: #label, op: #op })
    });
    let policy = common::view_policy(&form.policy);
    let checks = if valid {
        let mut checks = common::identity_checks(&form.meta, &ident.to_string(), source);
        let info =
            quote_spanned!(ident.span()=> ::contracts_core::__private::model_info::<#ident>());
        for field in &form.fields {
            checks.extend(field_path_check(&info, &field.name, "form field"));
        }
        for path in &form.policy.pii {
            checks.extend(field_path_check(&info, path, "pii path"));
        }
        for action in &form.actions {
            checks.extend(super::reference_check(
                &action.op,
                quote!(OPERATIONS),
                "operation",
            ));
        }
        checks
    } else {
        TokenStream::new()
    };
    let items = super::declared(
        ident,
        super::Identity::of(&form.meta),
        valid,
        "FormDescriptor",
        Some("Form"),
        Some("Form"),
        quote!(::contracts_core::__private::FormDescriptor {
            meta: #meta,
            model: #model,
            fields: &[#(#fields),*],
            actions: &[#(#actions),*],
            policy: #policy,
        }),
    );
    quote! {
        #items
        #checks
    }
}
